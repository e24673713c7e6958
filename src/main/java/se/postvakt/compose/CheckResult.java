package se.postvakt.compose;

import java.util.List;

/** The answer of a compose check: the highest severity, what was found, an id for the outcome report. */
public record CheckResult(String verdict, List<Finding> findings, String checkId, int policyVersion) {
}
