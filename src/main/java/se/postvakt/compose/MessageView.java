package se.postvakt.compose;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import se.postvakt.compose.ComposeRequest.Attachment;
import se.postvakt.compose.ComposeRequest.Lang;
import se.postvakt.compose.ComposeRequest.Recipient;

/**
 * A request as the detectors see it: null lists as empty, recipients de-duplicated and lower-cased, who is outside
 * the organisation worked out once, and the visible text of subject and body made once and shared.
 */
public final class MessageView {
    /** A recipient with the list it came from and its index there (findings point at recipients by index). */
    public record To(String list, int index, String address, ComposeRequest.RecipientType type) {
    }

    private final ComposeRequest request;
    private final String sender;
    private final Lang lang;
    private final LocalDate today;
    private final List<To> recipients;
    private final boolean anyOutsideInternal;
    private final int externalCount;
    private final PhraseMatcher words;
    private VisibleText subject;
    private VisibleText body;
    private List<PhraseMatcher.Hit> subjectWords;
    private List<PhraseMatcher.Hit> bodyWords;

    public MessageView(ComposeRequest request, String sender, ComposeSettings settings, LocalDate today) {
        this.request = request;
        this.sender = sender == null ? "" : sender;
        this.lang = request.locale() == null ? Lang.SV : request.locale();
        this.today = today;
        this.words = settings.words();
        List<To> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        add(all, seen, "to", request.to());
        add(all, seen, "cc", request.cc());
        add(all, seen, "bcc", request.bcc());
        this.recipients = List.copyOf(all);
        boolean outside = false;
        int external = 0;
        for (To r : recipients) {
            if (!ComposeSettings.inDomains(r.address(), settings.internalDomains())) {
                outside = true;
                if (!ComposeSettings.inDomains(r.address(), settings.trustedDomains())) {
                    external++;
                }
            }
        }
        this.anyOutsideInternal = outside;
        this.externalCount = external;
    }

    private static void add(List<To> out, Set<String> seen, String list, List<Recipient> rs) {
        if (rs == null) {
            return;
        }
        for (int i = 0; i < rs.size(); i++) {
            Recipient r = rs.get(i);
            if (r == null || r.address() == null || r.address().isBlank()) {
                continue;
            }
            String a = r.address().strip().toLowerCase(Locale.ROOT);
            if (seen.add(a)) {
                out.add(new To(list, i, a, r.recipientType()));
            }
        }
    }

    /** The signed-in caller's address (for group-size look-ups). */
    public String sender() {
        return sender;
    }

    public boolean english() {
        return lang == Lang.EN;
    }

    public LocalDate today() {
        return today;
    }

    /** To, Cc and Bcc, each address once. */
    public List<To> recipients() {
        return recipients;
    }

    /** True when any recipient is outside {@code domains.internal} (trusted partners included). */
    public boolean anyOutsideInternal() {
        return anyOutsideInternal;
    }

    /** Recipients outside both {@code domains.internal} and {@code domains.trusted}. */
    public int externalCount() {
        return externalCount;
    }

    public List<Attachment> attachments() {
        return request.attachments() == null ? List.of() : request.attachments();
    }

    public VisibleText subject() {
        if (subject == null) {
            subject = VisibleText.plain(request.subject());
        }
        return subject;
    }

    public VisibleText body() {
        if (body == null) {
            body = VisibleText.of(request.body(), request.bodyFormat() == ComposeRequest.BodyFormat.HTML);
        }
        return body;
    }

    /** The policy's words in a field, found once for all word rules ({@link ComposeSettings#words}). */
    List<PhraseMatcher.Hit> words(Field f) {
        boolean isSubject = "subject".equals(f.name());
        List<PhraseMatcher.Hit> hits = isSubject ? subjectWords : bodyWords;
        if (hits == null) {
            hits = words.find(f.text().chars(), f.text().length(), WordRuleDetector.MAX_MATCHES);
            if (isSubject) {
                subjectWords = hits;
            } else {
                bodyWords = hits;
            }
        }
        return hits;
    }

    PhraseMatcher wordMatcher() {
        return words;
    }

    /** The texts detectors read, with the field names used in findings. */
    public List<Field> texts() {
        return List.of(new Field("subject", subject()), new Field("body", body()));
    }

    /** A named text field. */
    public record Field(String name, VisibleText text) {
    }
}
