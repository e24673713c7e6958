package se.postvakt.absence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import se.postvakt.graph.AutoReplies;
import se.postvakt.policy.PolicyDocument;

/**
 * The automatic replies Postvakt wants for an absence: policy templates in Swedish then English (or the person's own
 * texts), scheduled from start to end. Also the comparison that tells whether Graph already has them.
 */
final class ReplyTexts {
    static final String SEPARATOR = "\n\n---\n\n";
    private static final DateTimeFormatter SV = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.forLanguageTag("sv-SE"));
    private static final DateTimeFormatter EN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);

    private ReplyTexts() {
    }

    /** The replies wanted during {@code a}; {@code withDelegate} when the reply must name the delegate. */
    static AutoReplies desired(PolicyDocument p, Absence a, boolean withDelegate) {
        ZoneId zone = p.timeZone();
        String internal;
        String external;
        if (a.ownInternal() != null || a.ownExternal() != null) {
            internal = own(p, a, a.ownInternal() != null ? a.ownInternal() : a.ownExternal(), withDelegate, zone);
            external = own(p, a, a.ownExternal() != null ? a.ownExternal() : a.ownInternal(), withDelegate, zone);
        } else {
            internal = fill(p, "sv", "internal", a, withDelegate, zone) + SEPARATOR + fill(p, "en", "internal", a, withDelegate, zone);
            external = fill(p, "sv", "external", a, withDelegate, zone) + SEPARATOR + fill(p, "en", "external", a, withDelegate, zone);
        }
        return new AutoReplies(AutoReplies.Status.SCHEDULED, a.start(), a.end(), html(internal), html(external),
                audience(p.getString("absence.externalAudience")));
    }

    /** Exchange keeps reply texts as HTML: plain text is escaped and its line breaks kept. */
    static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>\n");
    }

    private static String own(PolicyDocument p, Absence a, String text, boolean withDelegate, ZoneId zone) {
        String out = placeholders(p, "sv", text, a, withDelegate, zone);
        if (withDelegate && !out.toLowerCase(Locale.ROOT).contains(a.delegate())) {
            out += "\n\n" + sentence(p, "sv", a).strip() + "\n" + sentence(p, "en", a).strip();
        }
        return out;
    }

    private static String fill(PolicyDocument p, String lang, String kind, Absence a, boolean withDelegate, ZoneId zone) {
        return placeholders(p, lang, p.getString("absence.templates." + lang + "." + kind), a, withDelegate, zone);
    }

    private static String placeholders(PolicyDocument p, String lang, String template, Absence a, boolean withDelegate,
                                       ZoneId zone) {
        String functional = p.getString("absence.functionalMailbox");
        String t = template;
        if (functional.isBlank()) {
            // Without a functional mailbox the sentence that points to it would be broken; leave it out.
            t = t.replaceAll("[ \\t]*[^.!?\\n]*\\{functionalMailbox\\}[^.!?\\n]*[.!?]?", "");
        }
        String delegateSentence = withDelegate ? sentence(p, lang, a) : "";
        LocalDate back = returnDate(a.end(), zone);
        return t.replace("{delegateSentence}", delegateSentence)
                .replace("{name}", a.userName())
                .replace("{returnDate}", back.format("sv".equals(lang) ? SV : EN))
                .replace("{delegateName}", Objects.requireNonNullElse(a.delegateName(), ""))
                .replace("{delegateAddress}", Objects.requireNonNullElse(a.delegate(), ""))
                .replace("{functionalMailbox}", functional);
    }

    private static String sentence(PolicyDocument p, String lang, Absence a) {
        return p.getString("absence.templates." + lang + ".delegateSentence")
                .replace("{delegateName}", Objects.requireNonNullElse(a.delegateName(), a.delegate()))
                .replace("{delegateAddress}", a.delegate());
    }

    /**
     * The first working day the person is back: the end's own day when it ends before noon (a plain end date
     * ends at midnight, so the next morning), otherwise the day after; weekends move to Monday.
     */
    static LocalDate returnDate(Instant end, ZoneId zone) {
        LocalDateTime local = LocalDateTime.ofInstant(end, zone);
        LocalDate d = local.getHour() < 12 ? local.toLocalDate() : local.toLocalDate().plusDays(1);
        while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            d = d.plusDays(1);
        }
        return d;
    }

    static AutoReplies.ExternalAudience audience(String policyValue) {
        return switch (policyValue) {
            case "none" -> AutoReplies.ExternalAudience.NONE;
            case "contactsOnly" -> AutoReplies.ExternalAudience.CONTACTS_ONLY;
            default -> AutoReplies.ExternalAudience.ALL;
        };
    }

    /**
     * Status, schedule (to the minute, as Exchange keeps it) and audience. Texts are left out: Exchange stores them
     * as HTML, so what is read back is not what was written; the stored hash of the written texts stands in.
     */
    static String shape(AutoReplies r) {
        boolean scheduled = r.status() == AutoReplies.Status.SCHEDULED;
        return r.status() + "|" + (scheduled ? minute(r.start()) : "") + "|" + (scheduled ? minute(r.end()) : "")
                + "|" + r.externalAudience();
    }

    /** What is stored after a write: the shape and a hash of the texts written. */
    static String fingerprint(AutoReplies r) {
        return hash(shape(r)) + ":" + hash(r.internalMessage() + "\u0000" + r.externalMessage());
    }

    /** True when Graph shows the shape of what the fingerprint recorded. */
    static boolean hasShapeOf(AutoReplies current, String fingerprint) {
        return fingerprint != null && fingerprint.startsWith(hash(shape(current)) + ":");
    }

    /** Exactly the same settings, texts included: both sides come from Graph reads, so they compare as read. */
    static boolean same(AutoReplies a, AutoReplies b) {
        return shape(a).equals(shape(b)) && Objects.equals(nz(a.internalMessage()), nz(b.internalMessage()))
                && Objects.equals(nz(a.externalMessage()), nz(b.externalMessage()));
    }

    /** A short marker of the settings for the audit log: never the texts. */
    static String marker(AutoReplies r) {
        return r.status() == AutoReplies.Status.SCHEDULED
                ? "scheduled " + minute(r.start()) + ".." + minute(r.end()) + ", audience " + r.externalAudience()
                : r.status().name().toLowerCase(Locale.ROOT) + ", audience " + r.externalAudience();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String minute(Instant t) {
        return t == null ? "" : t.truncatedTo(ChronoUnit.MINUTES).toString();
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
