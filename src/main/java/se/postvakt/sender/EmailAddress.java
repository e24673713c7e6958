package se.postvakt.sender;

import java.util.Locale;

/**
 * A sender or Reply-To address as Outlook gives it. Parsing never throws: an address that is not a possible mail
 * address has a null {@link #domain()}. A full {@code Name <address>} form is reduced to the address. Exchange's internal X.500 form ({@code /o=ExchangeLabs/...}) is recognised,
 * since Outlook shows it for colleagues in the same tenant.
 *
 * @param raw    the address as given, trimmed and cut to 320 characters
 * @param local  the part before the last {@code @}, lower-cased
 * @param domain the parsed domain, or null
 */
public record EmailAddress(String raw, String local, DomainName domain, boolean exchangeInternal) {
    static final int MAX_LENGTH = 320;

    public static EmailAddress parse(String s) {
        String raw = s == null ? "" : s.strip();
        int open = raw.lastIndexOf('<');
        if (open >= 0 && raw.endsWith(">") && raw.length() <= MAX_LENGTH * 2) {
            raw = raw.substring(open + 1, raw.length() - 1).strip();
        }
        if (raw.length() > MAX_LENGTH) {
            return new EmailAddress(raw.substring(0, MAX_LENGTH), "", null, false);
        }
        if (raw.startsWith("/") && raw.toLowerCase(Locale.ROOT).startsWith("/o=")) {
            return new EmailAddress(raw, "", null, true);
        }
        int at = raw.lastIndexOf('@');
        if (at <= 0 || at == raw.length() - 1) {
            return new EmailAddress(raw, "", null, false);
        }
        String local = raw.substring(0, at);
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '<' || c == '>') {
                return new EmailAddress(raw, "", null, false);
            }
        }
        return new EmailAddress(raw, local.toLowerCase(Locale.ROOT), DomainName.parse(raw.substring(at + 1)), false);
    }

    public boolean valid() {
        return domain != null;
    }

    /** Lower-case address with an ASCII domain, for comparisons. */
    public String canonical() {
        return domain == null ? raw.toLowerCase(Locale.ROOT) : local + "@" + domain.ascii();
    }
}
