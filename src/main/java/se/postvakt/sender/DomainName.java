package se.postvakt.sender;

import java.net.IDN;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A mail domain split the way look-alike checks need it: {@code mjolby.se.secure-login.com} has the registrable
 * domain {@code secure-login.com} (its {@link #label()} {@code secure-login}, {@link #suffix()} {@code com}) and the
 * sub-labels {@code mjolby}, {@code se}. Punycode labels are decoded; a label that does not decode is
 * {@link #brokenIdn()}.
 *
 * @param ascii     lower-case ASCII (punycode) form
 * @param unicode   lower-case Unicode form, as a reader would see it
 * @param label     the registrable label in Unicode
 * @param suffix    the public suffix, for example {@code se} or {@code co.uk}
 * @param subLabels the labels left of the registrable domain, in Unicode
 */
public record DomainName(String ascii, String unicode, String label, String suffix, List<String> subLabels,
                         boolean brokenIdn) {
    /** Second-level public suffixes common enough to matter here; everything else is one label. */
    private static final Set<String> TWO_LABEL_SUFFIXES = Set.of("co.uk", "org.uk", "ac.uk", "gov.uk", "ltd.uk",
            "me.uk", "com.au", "net.au", "org.au", "co.nz", "co.jp", "ne.jp", "com.br", "co.za", "com.cn", "com.tr",
            "co.in", "com.mx", "com.ar", "com.pl", "com.ru", "com.ua", "co.il", "com.sg", "com.hk", "co.kr");

    /** The registrable domain in ASCII (punycode) form, for comparing with configured domains. */
    public String registrableAscii() {
        String[] a = ascii.split("\\.");
        int k = suffix.split("\\.").length + 1;
        return String.join(".", Arrays.copyOfRange(a, a.length - k, a.length));
    }

    /** True when any label is written in non-ASCII letters (decoded from punycode). */
    public boolean idn() {
        return !ascii.equals(unicode);
    }

    /** Parses a domain; null when it is not a syntactically possible host name. */
    public static DomainName parse(String raw) {
        if (raw == null) {
            return null;
        }
        String d = raw.strip();
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.isEmpty() || d.length() > 253 || d.indexOf('.') < 0) {
            return null;
        }
        String[] parts = d.split("\\.", -1);
        String[] ascii = new String[parts.length];
        String[] uni = new String[parts.length];
        boolean broken = false;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 63) {
                return null;
            }
            if (Fold.isAscii(p)) {
                String a = p.toLowerCase(Locale.ROOT);
                if (!validAsciiLabel(a)) {
                    return null;
                }
                ascii[i] = a;
                String u = a.startsWith("xn--") ? decode(a) : a;
                if (u == null) {
                    broken = true;
                    u = a;
                }
                uni[i] = u;
            } else {
                String u = p.toLowerCase(Locale.ROOT);
                for (int k = 0; k < u.length(); k++) {
                    char c = u.charAt(k);
                    if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '@' || c == '<' || c == '>') {
                        return null;
                    }
                }
                String a;
                try {
                    a = IDN.toASCII(u, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
                } catch (IllegalArgumentException e) {
                    return null;
                }
                ascii[i] = a;
                uni[i] = u;
            }
        }
        int n = parts.length;
        int suffixLabels = n >= 3 && TWO_LABEL_SUFFIXES.contains(ascii[n - 2] + "." + ascii[n - 1]) ? 2 : 1;
        if (n <= suffixLabels) {
            return null;
        }
        String suffix = String.join(".", Arrays.copyOfRange(uni, n - suffixLabels, n));
        String label = uni[n - suffixLabels - 1];
        List<String> subs = List.of(Arrays.copyOfRange(uni, 0, n - suffixLabels - 1));
        return new DomainName(String.join(".", ascii), String.join(".", uni), label, suffix, subs, broken);
    }

    private static boolean validAsciiLabel(String a) {
        for (int k = 0; k < a.length(); k++) {
            char c = a.charAt(k);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** Decodes one punycode label; null when it is not valid punycode. */
    private static String decode(String label) {
        try {
            String u = IDN.toUnicode(label, IDN.ALLOW_UNASSIGNED);
            return u.equals(label) ? null : u.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
