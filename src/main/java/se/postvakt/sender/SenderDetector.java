package se.postvakt.sender;

import java.util.List;

/** One signal about a sender; each implementation is one class with its own table test. */
public interface SenderDetector {
    /** Adds what it finds about {@code in} to {@code out}. */
    void inspect(SenderInput in, SenderRules rules, List<Finding> out);
}
