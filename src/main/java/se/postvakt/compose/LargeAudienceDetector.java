package se.postvakt.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code large-audience}: more recipients than {@code audience.warnRecipients}, counting To + Cc + Bcc and a group or
 * distribution list by its member count when {@link GroupSizeLookup} knows it. A group of unknown size gives an
 * {@code info} finding instead; groups in {@code audience.allowedGroups} never warn and count as one address.
 */
final class LargeAudienceDetector implements Detector {
    static final String ID = "large-audience";

    private final GroupSizeLookup groups;

    LargeAudienceDetector(GroupSizeLookup groups) {
        this.groups = groups;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void detect(MessageView m, ComposeSettings s, List<Finding> out) {
        if (s.audience() == Severity.OFF) {
            return;
        }
        List<MessageView.To> toLookUp = new ArrayList<>();
        for (MessageView.To r : m.recipients()) {
            if (r.type() != null && r.type().isGroup() && !s.allowedGroups().contains(r.address())) {
                toLookUp.add(r);
            }
        }
        Map<String, Integer> sizes = sizes(m.sender(), toLookUp);
        long count = m.recipients().size();
        List<Finding.Item> unknown = new ArrayList<>();
        int unknownCount = 0;
        for (MessageView.To g : toLookUp) {
            Integer size = sizes.get(g.address());
            if (size == null) {
                if (unknownCount++ < ExternalRecipientsDetector.MAX_ITEMS) {
                    unknown.add(new Finding.Item(g.list(), g.index(), null));
                }
            } else {
                count += Math.max(0, size) - 1;
            }
        }
        if (count > s.audienceWarnRecipients()) {
            out.add(new Finding(ID, s.audience(), "recipients", null, null,
                    Wording.largeAudience(m.english(), count, s.audienceWarnRecipients()), Wording.POLICY_LAWS));
        }
        if (!unknown.isEmpty()) {
            out.add(new Finding(ID, Severity.INFO, "recipients", null, unknown,
                    Wording.groupAddress(m.english(), unknownCount), Wording.POLICY_LAWS));
        }
    }

    /** Sizes by lower-cased address; a failing look-up means unknown sizes (the check must still answer). */
    private Map<String, Integer> sizes(String sender, List<MessageView.To> toLookUp) {
        if (toLookUp.isEmpty()) {
            return Map.of();
        }
        try {
            Map<String, Integer> found = groups.sizes(sender, toLookUp.stream().map(MessageView.To::address).toList());
            return found == null ? Map.of() : found;
        } catch (RuntimeException e) {
            return Map.of();
        }
    }
}
