package se.postvakt.compose;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What one rule found. Text findings carry {@code matches} with UTF-16 offsets into the submitted {@code subject} or
 * {@code body}; recipient and attachment findings carry {@code items}, indexes into the request's lists (never names).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(String rule, Severity severity, String field, List<Match> matches, List<Item> items,
                      String message, String policyRef) {

    /** One place in a text; {@code masked} is set for identity numbers and never shows the number. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Match(int start, int end, String kind, String masked) {
    }

    /** One recipient or attachment, by list and index, with the size that mattered where there is one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String list, int index, Long size) {
    }
}
