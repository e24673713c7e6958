package se.postvakt.compose;

import java.util.ArrayList;
import java.util.List;
import se.postvakt.compose.ComposeRequest.Attachment;

/**
 * {@code large-attachment}: a file above {@code attachments.warnBytes}, or all attachments together above
 * {@code attachments.warnTotalBytes}. Inline images count toward the total and are reported separately. A missing
 * size is ignored.
 */
final class LargeAttachmentDetector implements Detector {
    static final String ID = "large-attachment";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void detect(MessageView m, ComposeSettings s, List<Finding> out) {
        if (s.attachments() == Severity.OFF) {
            return;
        }
        List<Attachment> list = m.attachments();
        List<Finding.Item> large = new ArrayList<>();
        long total = 0;
        long inline = 0;
        long largest = 0;
        for (int i = 0; i < list.size(); i++) {
            Attachment a = list.get(i);
            if (a == null || a.size() == null) {
                continue;
            }
            long size = a.size();
            total = saturatingAdd(total, size);
            if (a.inline()) {
                inline = saturatingAdd(inline, size);
            }
            if (size > s.attachmentWarnBytes()) {
                large.add(new Finding.Item("attachments", i, size));
                largest = Math.max(largest, size);
            }
        }
        boolean totalTooLarge = total > s.attachmentWarnTotalBytes();
        if (large.isEmpty() && !totalTooLarge) {
            return;
        }
        out.add(new Finding(ID, s.attachments(), "attachments", null, large,
                Wording.largeAttachment(m.english(), large.size(), largest, s.attachmentWarnBytes(), totalTooLarge, total,
                        inline, s.attachmentWarnTotalBytes()), Wording.POLICY_LAWS));
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }
}
