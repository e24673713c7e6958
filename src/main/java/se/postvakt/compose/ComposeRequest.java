package se.postvakt.compose;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The message being written, as the add-in sends it to {@code POST /api/v1/compose/check}. Every field is optional;
 * unknown fields are ignored. Nothing of it is logged or stored.
 */
public record ComposeRequest(String subject, String body, BodyFormat bodyFormat, Address from, List<Recipient> to,
                             List<Recipient> cc, List<Recipient> bcc, List<Attachment> attachments, Lang locale) {

    /** How {@code body} is written; {@code text} when absent. */
    public enum BodyFormat {
        @JsonProperty("text") TEXT, @JsonProperty("html") HTML;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Outlook's recipient types ({@code Office.MailboxEnums.RecipientType}). */
    public enum RecipientType {
        @JsonProperty("user") USER("user"),
        @JsonProperty("externalUser") EXTERNAL_USER("externalUser"),
        @JsonProperty("distributionList") DISTRIBUTION_LIST("distributionList"),
        @JsonProperty("group") GROUP("group"),
        @JsonProperty("other") OTHER("other");

        private final String wire;

        RecipientType(String wire) {
            this.wire = wire;
        }

        /** A group address whose members receive the message. */
        public boolean isGroup() {
            return this == DISTRIBUTION_LIST || this == GROUP;
        }

        @Override
        public String toString() {
            return wire;
        }
    }

    /** The language of the finding messages; Swedish when absent. */
    public enum Lang {
        @JsonProperty("sv") SV, @JsonProperty("en") EN;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A sender address. */
    public record Address(String address, String name) {
    }

    /** One recipient in To, Cc or Bcc. */
    public record Recipient(String address, String name, RecipientType recipientType) {
    }

    /** One attachment; only its size and whether it is inline are used. */
    public record Attachment(String name, Long size, String contentType, @JsonProperty("isInline") Boolean isInline) {
        public boolean inline() {
            return Boolean.TRUE.equals(isInline);
        }
    }

    /** Never the content: a request reaching a log by accident shows only its shape. */
    @Override
    public String toString() {
        return "ComposeRequest[subject=" + (subject == null ? 0 : subject.length()) + " chars, body="
                + (body == null ? 0 : body.length()) + " chars]";
    }
}
