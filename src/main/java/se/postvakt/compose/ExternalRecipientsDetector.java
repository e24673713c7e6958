package se.postvakt.compose;

import java.util.ArrayList;
import java.util.List;

/** {@code external-recipients}: the message leaves the organisation (a recipient outside internal and trusted domains). */
final class ExternalRecipientsDetector implements Detector {
    /** Items listed per finding at most; the count in the message is always the full one. */
    static final int MAX_ITEMS = 100;

    @Override
    public String id() {
        return "external-recipients";
    }

    @Override
    public void detect(MessageView m, ComposeSettings s, List<Finding> out) {
        if (s.externalRecipients() == Severity.OFF || m.externalCount() == 0) {
            return;
        }
        List<Finding.Item> items = new ArrayList<>();
        for (MessageView.To r : m.recipients()) {
            if (items.size() == MAX_ITEMS) {
                break;
            }
            if (!ComposeSettings.inDomains(r.address(), s.internalDomains())
                    && !ComposeSettings.inDomains(r.address(), s.trustedDomains())) {
                items.add(new Finding.Item(r.list(), r.index(), null));
            }
        }
        out.add(new Finding(id(), s.externalRecipients(), "recipients", null, items,
                Wording.externalRecipients(m.english(), m.externalCount()), Wording.POLICY_LAWS));
    }
}
