package se.postvakt.sender;

import java.util.function.Supplier;
import se.postvakt.policy.PolicyDocument;
import se.postvakt.policy.PolicyStore;

/** The current {@link SenderRules}, rebuilt only when the policy version or the staff directory changes. */
public final class SenderRulesSource implements Supplier<SenderRules> {
    private final PolicyStore policy;
    private final StaffDirectory staff;
    private volatile Snapshot snapshot;

    private record Snapshot(int policyVersion, long staffVersion, SenderRules rules) {
    }

    public SenderRulesSource(PolicyStore policy, StaffDirectory staff) {
        this.policy = policy;
        this.staff = staff;
    }

    @Override
    public SenderRules get() {
        PolicyDocument doc = policy.current();
        long sv = staff.version();
        Snapshot s = snapshot;
        if (s == null || s.policyVersion() != doc.version() || s.staffVersion() != sv) {
            s = new Snapshot(doc.version(), sv, SenderRules.from(doc, staff));
            snapshot = s;
        }
        return s.rules();
    }
}
