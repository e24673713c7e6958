package se.postvakt.sender;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.postvakt.policy.PolicyStore;
import se.postvakt.web.ApiException;
import se.postvakt.web.ApiException.FieldError;

/** Reports of suspicious senders: validated, stored, then mailed to IT when a notifier and a mailbox exist. */
public final class SenderReports {
    private static final Logger LOG = LoggerFactory.getLogger(SenderReports.class);
    static final int MAX_COMMENT = 1000;
    static final int MAX_REASONS = 20;
    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final SenderRepository repository;
    private final ReportNotifier notifier;
    private final PolicyStore policy;
    private final Clock clock;

    public SenderReports(SenderRepository repository, ReportNotifier notifier, PolicyStore policy, Clock clock) {
        this.repository = repository;
        this.notifier = notifier;
        this.policy = policy;
        this.clock = clock;
    }

    /** The body of {@code POST /api/v1/sender/report}; {@code from} is an address or {@code {address, name}}. */
    public record ReportRequest(String internetMessageId, JsonNode from, JsonNode reasons, String comment) {
    }

    /** What the reporter is told: stored always, mailed when it could be. */
    public record Outcome(long id, boolean stored, boolean mailed, String mailReason) {
    }

    public Outcome report(String reportedBy, ReportRequest req) {
        List<FieldError> errors = new ArrayList<>();
        String address = null;
        String name = null;
        JsonNode from = req.from();
        if (from != null && from.isTextual()) {
            address = from.asText();
        } else if (from != null && from.isObject()) {
            address = from.path("address").isTextual() ? from.path("address").asText() : null;
            name = from.path("name").isTextual() ? Fold.shown(from.path("name").asText(), 256) : null;
        }
        if (address == null || address.isBlank()) {
            errors.add(new FieldError("from.address", "is required"));
        } else if (address.length() > EmailAddress.MAX_LENGTH) {
            errors.add(new FieldError("from.address", "must be at most " + EmailAddress.MAX_LENGTH + " characters"));
        }
        String messageId = req.internetMessageId();
        if (messageId != null && (messageId.length() > 998 || !messageId.equals(Fold.shown(messageId, 998)))) {
            errors.add(new FieldError("internetMessageId", "must be at most 998 characters without control characters"));
        }
        if (req.comment() != null && req.comment().length() > MAX_COMMENT) {
            errors.add(new FieldError("comment", "must be at most " + MAX_COMMENT + " characters"));
        }
        List<String> codes = codes(req.reasons(), errors);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        SenderReport stored = repository.insert(new SenderReport(0, clock.instant(), reportedBy,
                messageId == null || messageId.isBlank() ? null : messageId.strip(), Fold.shown(address, 320), name,
                codes, req.comment() == null || req.comment().isBlank() ? null : req.comment().strip(), false, null));
        String why = notifier.unavailableReason();
        String mailbox = policy.current().getString("security.reportMailbox");
        if (why == null && mailbox.isBlank()) {
            why = "security.reportMailbox is not set in the policy";
        }
        if (why == null) {
            boolean mailed = false;
            try {
                notifier.send(mailbox, stored);
                mailed = true;
            } catch (RuntimeException e) {
                LOG.warn("sender report {} stored but not mailed: {}", stored.id(), e.toString());
                why = "sending the mail failed; the report is stored";
            }
            if (mailed) {
                // outside the try: a failure to record it must not report a mail that went as not sent
                repository.markMailed(stored.id(), true, null);
                return new Outcome(stored.id(), true, true, null);
            }
        }
        repository.markMailed(stored.id(), false, why);
        return new Outcome(stored.id(), true, false, why);
    }

    private static List<String> codes(JsonNode reasons, List<FieldError> errors) {
        List<String> out = new ArrayList<>();
        if (reasons == null || reasons.isNull()) {
            return out;
        }
        if (!reasons.isArray()) {
            errors.add(new FieldError("reasons", "must be an array of reason codes"));
            return out;
        }
        if (reasons.size() > MAX_REASONS) {
            errors.add(new FieldError("reasons", "must have at most " + MAX_REASONS + " entries"));
            return out;
        }
        for (int i = 0; i < reasons.size(); i++) {
            JsonNode r = reasons.get(i);
            String code = r.isTextual() ? r.asText() : r.path("code").isTextual() ? r.path("code").asText() : null;
            if (code == null || !CODE.matcher(code).matches()) {
                errors.add(new FieldError("reasons[" + i + "]", "must be a kebab-case reason code or {\"code\": ...}"));
            } else if (!out.contains(code)) {
                out.add(code);
            }
        }
        return out;
    }

    public List<SenderReport> list(SenderRepository.ReportFilter filter, int limit) {
        return repository.list(filter, limit);
    }
}
