package se.postvakt.sender;

import com.ibm.icu.text.SpoofChecker;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Text folding for comparisons: lower case without diacritics ({@code Mjölby} → {@code mjolby}), and the UTS #39
 * confusables skeleton so that look-alike letters from other scripts compare equal ({@code mjоlby} with a Cyrillic
 * o, {@code rnjolby}, {@code mjolby} all fold to the same skeleton).
 */
public final class Fold {
    private static final SpoofChecker SPOOF = new SpoofChecker.Builder().setChecks(SpoofChecker.CONFUSABLE).build();
    /** {@link #skeleton} of each ASCII character, taken from ICU once: the skeleton maps code point by code point. */
    private static final String[] ASCII_SKELETON = new String[128];
    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile(" {2,}");

    static {
        for (char c = 0; c < 128; c++) {
            String one = String.valueOf(c);
            ASCII_SKELETON[c] = plain(SPOOF.getSkeleton(SpoofChecker.ANY_CASE, plain(one)));
        }
    }

    private Fold() {
    }

    /** Lower case, compatibility-normalised, diacritics removed; ASCII input takes a fast path. */
    public static String plain(String s) {
        if (isAscii(s)) {
            return s.toLowerCase(Locale.ROOT);
        }
        return stripMarks(s).toLowerCase(Locale.ROOT);
    }

    private static String stripMarks(String s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFKD);
        StringBuilder sb = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (Character.getType(c) != Character.NON_SPACING_MARK && Character.getType(c) != Character.ENCLOSING_MARK) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * The confusables skeleton, folded with {@link #plain}, one code point at a time (as UTS #39 defines it).
     * Diacritics are removed first; ASCII letters are lower-cased and then mapped through a table built from ICU
     * (so {@code 0} and {@code o} meet, and {@code m} becomes {@code rn}); other letters are mapped before and after
     * lower-casing, because a Cyrillic capital {@code М} maps to {@code M} only in its capital form.
     */
    public static String skeleton(String s) {
        String bare = isAscii(s) ? s : stripMarks(s);
        StringBuilder sb = new StringBuilder(bare.length() + 4);
        for (int i = 0; i < bare.length(); ) {
            int cp = bare.codePointAt(i);
            if (cp < 128) {
                sb.append(ASCII_SKELETON[cp]);
            } else {
                String one = new String(Character.toChars(cp));
                sb.append(plain(SPOOF.getSkeleton(SpoofChecker.ANY_CASE, plain(SPOOF.getSkeleton(SpoofChecker.ANY_CASE, one)))));
            }
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    /** Letters and digits of {@link #skeleton} split into words on everything else. */
    public static String[] words(String s) {
        String k = skeleton(s);
        StringBuilder sb = new StringBuilder(k.length());
        for (int i = 0; i < k.length(); i++) {
            char c = k.charAt(i);
            sb.append(Character.isLetterOrDigit(c) ? c : ' ');
        }
        String t = sb.toString().strip();
        return t.isEmpty() ? new String[0] : SPACES.matcher(t).replaceAll(" ").split(" ");
    }

    /** {@link #words} joined without spaces: {@code IT-avdelningen} → {@code itavdelningen}. */
    public static String compact(String s) {
        return String.join("", words(s));
    }

    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Optimal string alignment distance (edits plus adjacent swaps), giving up above {@code max}. */
    public static int distance(String a, String b, int max) {
        int n = a.length();
        int m = b.length();
        if (Math.abs(n - m) > max) {
            return max + 1;
        }
        int[] prev2 = new int[m + 1];
        int[] prev = new int[m + 1];
        int[] cur = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, prev2[j - 2] + 1);
                }
                cur[j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > max) {
                return max + 1;
            }
            int[] t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }
        return prev[m];
    }

    /** At most {@code max} characters, control characters removed: safe to show in a message. */
    public static String shown(String s, int max) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), max));
        for (int i = 0; i < s.length() && sb.length() < max; i++) {
            char c = s.charAt(i);
            if (!Character.isISOControl(c) && Character.getType(c) != Character.FORMAT) {
                sb.append(c);
            }
        }
        String out = sb.toString().strip();
        return s.length() > max ? out + "…" : out;
    }
}
