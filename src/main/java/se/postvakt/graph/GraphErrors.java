package se.postvakt.graph;

import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.Headers;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** Turns SDK and HTTP failures into {@link GraphException}s that say what to do, naming the missing permission. */
final class GraphErrors {
    /** Each Graph feature and the application permission it needs. */
    enum Op {
        USERS("read the directory", "User.Read.All", false),
        AUTO_REPLIES("read or change automatic replies", "MailboxSettings.ReadWrite", true),
        INBOX_RULES("read or change inbox rules", "MailboxSettings.ReadWrite", true),
        CALENDAR("read or change calendar permissions and events", "Calendars.ReadWrite", true),
        MAIL_TIPS("get mail tips", "Mail.Read (or Mail.ReadBasic)", true),
        SEND_MAIL("send mail", "Mail.Send", true);

        final String what;
        final String permission;
        /** Exchange-backed permissions can be narrowed to staff mailboxes with RBAC for Applications. */
        final boolean exchange;

        Op(String what, String permission, boolean exchange) {
            this.what = what;
            this.permission = permission;
            this.exchange = exchange;
        }
    }

    private GraphErrors() {
    }

    static GraphException map(Throwable t, Op op, String mailbox) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof GraphException ge) {
                return ge;
            }
            if (c instanceof ApiException ae && ae.getResponseStatusCode() > 0) {
                String code = ae instanceof ODataError oe && oe.getError() != null ? oe.getError().getCode() : null;
                return forStatus(ae.getResponseStatusCode(), retryAfter(ae.getResponseHeaders()), code, op, mailbox, ae);
            }
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException) {
                return new GraphException(GraphException.Kind.UNAVAILABLE, "Microsoft Graph did not answer (" + op.what
                        + "): " + c.getMessage(), null, null, t);
            }
        }
        return new GraphException(GraphException.Kind.UNAVAILABLE, "Microsoft Graph call failed (" + op.what + "): "
                + t, null, null, t);
    }

    static GraphException forStatus(int status, Duration retryAfter, String graphCode, Op op, String mailbox,
                                    Throwable cause) {
        String where = mailbox == null ? "" : " for " + mailbox;
        String code = graphCode == null ? "" : " (" + graphCode + ")";
        if (status == 401 || status == 403) {
            String scope = op.exchange ? ", and the mailbox must be inside the app's Exchange RBAC for Applications "
                    + "scope" : "";
            return new GraphException(GraphException.Kind.FORBIDDEN, "Graph refused to " + op.what + where + code
                    + ": Postvakt needs the application permission " + op.permission + " with admin consent" + scope,
                    op.permission, null, cause);
        }
        if (status == 404) {
            return new GraphException(GraphException.Kind.NOT_FOUND, "not found in Graph" + where + code
                    + " while trying to " + op.what, null, null, cause);
        }
        if (status == 429) {
            return new GraphException(GraphException.Kind.THROTTLED, "Graph is throttling Postvakt" + where
                    + (retryAfter == null ? "" : "; retry after " + retryAfter.toSeconds() + " s"), null, retryAfter,
                    cause);
        }
        if (status >= 500) {
            return new GraphException(GraphException.Kind.UNAVAILABLE, "Graph answered " + status + code
                    + " while trying to " + op.what + where, null, retryAfter, cause);
        }
        return new GraphException(GraphException.Kind.REJECTED, "Graph rejected the request to " + op.what + where
                + ": HTTP " + status + code, null, null, cause);
    }

    static Duration retryAfter(Headers headers) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, Set<String>> e : headers.entrySet()) {
            if ("retry-after".equalsIgnoreCase(e.getKey()) && !e.getValue().isEmpty()) {
                return PoliteRetry.retryAfter(e.getValue().iterator().next());
            }
        }
        return null;
    }
}
