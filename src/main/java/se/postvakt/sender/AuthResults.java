package se.postvakt.sender;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of {@code Authentication-Results} headers (RFC 8601) in the formats of Exchange Online, Gmail and
 * mail gateways: {@code spf}, {@code dkim}, {@code dmarc} and Exchange's {@code compauth} with its {@code reason}.
 *
 * <p>Headers are read top-down and the first result per method wins, because the topmost header is the one the
 * receiving system added. A {@code pass} lower down is ignored: anything below our own system's header could have
 * been written by the sender.
 *
 * @param results      method → result, for example {@code dmarc → fail}
 * @param headerFrom   the domain DMARC evaluated ({@code header.from}), or null
 * @param compauthReason Exchange's reason code, or null
 * @param headers      how many Authentication-Results headers were read
 */
public record AuthResults(Map<String, String> results, String headerFrom, String compauthReason, int headers) {
    /** No header at all: nothing is known. */
    public static final AuthResults NONE = new AuthResults(Map.of(), null, null, 0);
    static final int MAX_HEADERS = 32;
    static final int MAX_HEADER_CHARS = 16 * 1024;
    private static final String NAME = "authentication-results";
    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

    public String result(String method) {
        return results.get(method);
    }

    public boolean is(String method, String value) {
        return value.equals(results.get(method));
    }

    /** Parses a raw header block; unfolds continuation lines and tolerates CR, LF or CRLF line ends. */
    public static AuthResults parse(String headerBlock) {
        if (headerBlock == null || headerBlock.isEmpty()) {
            return NONE;
        }
        Map<String, String> results = new HashMap<>();
        String[] headerFrom = {null};
        String[] reason = {null};
        int count = 0;
        int n = headerBlock.length();
        int i = 0;
        while (i < n && count < MAX_HEADERS) {
            int end = lineEnd(headerBlock, i);
            if (startsWithName(headerBlock, i, end)) {
                StringBuilder value = new StringBuilder();
                value.append(headerBlock, i + NAME.length() + 1, Math.min(end, i + NAME.length() + 1 + MAX_HEADER_CHARS));
                int next = skipEol(headerBlock, end);
                while (next < n && (headerBlock.charAt(next) == ' ' || headerBlock.charAt(next) == '\t')) {
                    int e2 = lineEnd(headerBlock, next);
                    if (value.length() < MAX_HEADER_CHARS) {
                        value.append(' ').append(headerBlock, next, Math.min(e2, next + MAX_HEADER_CHARS - value.length()));
                    }
                    next = skipEol(headerBlock, e2);
                }
                readOne(value.toString(), count == 0, results, headerFrom, reason);
                count++;
                i = next;
            } else {
                i = skipEol(headerBlock, end);
            }
        }
        return count == 0 ? NONE : new AuthResults(Map.copyOf(results), headerFrom[0], reason[0], count);
    }

    private static boolean startsWithName(String s, int start, int end) {
        int len = NAME.length();
        if (end - start <= len || s.charAt(start + len) != ':') {
            return false;
        }
        return s.regionMatches(true, start, NAME, 0, len);
    }

    private static int lineEnd(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n') {
                return i;
            }
        }
        return s.length();
    }

    private static int skipEol(String s, int at) {
        if (at < s.length() && s.charAt(at) == '\r') {
            at++;
        }
        if (at < s.length() && s.charAt(at) == '\n') {
            at++;
        }
        return at;
    }

    /** One header value: comments removed, then {@code ;}-separated method results with their properties. */
    private static void readOne(String value, boolean top, Map<String, String> results, String[] headerFrom, String[] reason) {
        String v = stripComments(value);
        for (String segment : v.split(";")) {
            String[] tokens = SPACES.split(segment.strip());
            if (tokens.length == 0 || tokens[0].indexOf('=') <= 0) {
                continue;
            }
            String method = tokens[0].substring(0, tokens[0].indexOf('=')).toLowerCase(Locale.ROOT);
            String result = clean(tokens[0].substring(tokens[0].indexOf('=') + 1));
            if (result.isEmpty() || method.length() > 16) {
                continue;
            }
            if (!top && result.equals("pass")) {
                continue;
            }
            boolean first = !results.containsKey(method);
            if (first) {
                results.put(method, result);
            } else if (method.equals("dkim") && result.equals("pass") && top) {
                results.put(method, result);
            }
            for (int t = 1; t < tokens.length; t++) {
                int eq = tokens[t].indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String key = tokens[t].substring(0, eq).toLowerCase(Locale.ROOT);
                String val = clean(tokens[t].substring(eq + 1));
                if (first && method.equals("dmarc") && key.equals("header.from") && headerFrom[0] == null) {
                    headerFrom[0] = val;
                } else if (first && method.equals("compauth") && key.equals("reason") && reason[0] == null) {
                    reason[0] = val.length() > 8 ? val.substring(0, 8) : val;
                }
            }
        }
    }

    private static String clean(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("\"") && t.endsWith("\"") && t.length() >= 2) {
            t = t.substring(1, t.length() - 1);
        }
        return t.length() > 253 ? t.substring(0, 253) : t;
    }

    /** Removes RFC 5322 comments (nested parentheses, backslash escapes) so their words are not read as results. */
    static String stripComments(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && depth > 0) {
                i++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
