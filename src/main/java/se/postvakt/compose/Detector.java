package se.postvakt.compose;

import java.util.List;

/**
 * One compose rule: a stable kebab-case id, its patterns and words compiled once, and a check that adds findings.
 * Detectors are stateless; what the policy says comes in {@link ComposeSettings}. All detectors are registered in
 * {@link Detectors#all}.
 */
public interface Detector {
    /** The rule id in findings, e.g. {@code personnummer}. */
    String id();

    /** Adds this rule's findings for the message. */
    void detect(MessageView message, ComposeSettings settings, List<Finding> out);
}
