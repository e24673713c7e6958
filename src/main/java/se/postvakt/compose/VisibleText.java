package se.postvakt.compose;

/**
 * The text a reader sees, with a map back to the submitted string. For plain text it is the string itself. For HTML,
 * one linear pass drops tags, attributes, comments, {@code <script>} and {@code <style>}, decodes entities, turns raw
 * whitespace into spaces, ends a line at block elements ({@code <p>}, {@code <div>}, {@code <br>}, {@code <tr>}, …)
 * and separates table cells with a tab, so a table reads like a tab-separated text table. Offsets of what a detector
 * finds are mapped back with {@link #rawStart} and {@link #rawEnd}, so they are UTF-16 indices into the raw HTML.
 */
public final class VisibleText {
    private final String raw;
    private final char[] text;
    private final int length;
    private final int[] map;

    private VisibleText(String raw, char[] text, int length, int[] map) {
        this.raw = raw;
        this.text = text;
        this.length = length;
        this.map = map;
    }

    /** Plain text: the string as submitted. */
    public static VisibleText plain(String s) {
        String v = s == null ? "" : s;
        return new VisibleText(v, v.toCharArray(), v.length(), null);
    }

    /** The visible text of an HTML string. */
    public static VisibleText html(String s) {
        String v = s == null ? "" : s;
        return new HtmlReader(v).read();
    }

    public static VisibleText of(String s, boolean html) {
        return html ? html(s) : plain(s);
    }

    /** The visible characters; only {@code [0, length())} is meaningful. */
    public char[] chars() {
        return text;
    }

    public int length() {
        return length;
    }

    public String raw() {
        return raw;
    }

    /** Index in the raw string of visible character {@code i}. */
    public int rawStart(int i) {
        return map == null ? i : map[i];
    }

    /** Raw end index (exclusive) of a visible span ending at {@code end} (exclusive), whose last char is raw-single. */
    public int rawEnd(int end) {
        return map == null ? end : map[end - 1] + 1;
    }

    @Override
    public String toString() {
        return new String(text, 0, length);
    }

    /** The one-pass HTML reader; linear in the input whatever its nesting. */
    private static final class HtmlReader {
        private final String s;
        private final int n;
        private char[] out;
        private int[] map;
        private int len;
        private int tableDepth;
        private int cellsInRow;

        HtmlReader(String s) {
            this.s = s;
            this.n = s.length();
            int cap = Math.max(16, n);
            this.out = new char[cap];
            this.map = new int[cap];
        }

        VisibleText read() {
            int i = 0;
            while (i < n) {
                char c = s.charAt(i);
                if (c == '<') {
                    i = tag(i);
                } else if (c == '&') {
                    i = entity(i);
                } else {
                    emit(c == '\n' || c == '\r' || c == '\t' || c == '\f' ? ' ' : c, i);
                    i++;
                }
            }
            return new VisibleText(s, out, len, map);
        }

        private void emit(char c, int rawIndex) {
            if (len == out.length) {
                int cap = out.length * 2;
                out = java.util.Arrays.copyOf(out, cap);
                map = java.util.Arrays.copyOf(map, cap);
            }
            out[len] = c;
            map[len++] = rawIndex;
        }

        /** Handles the markup starting at {@code i} ('<'); returns the index after it. */
        private int tag(int i) {
            if (i + 1 >= n) {
                emit('<', i);
                return i + 1;
            }
            char c1 = s.charAt(i + 1);
            if (c1 == '!') {
                if (s.startsWith("!--", i + 1)) {
                    int end = s.indexOf("-->", i + 4);
                    return end < 0 ? n : end + 3;
                }
                return skipTo(i + 2, '>');
            }
            if (c1 == '?') {
                return skipTo(i + 2, '>');
            }
            boolean closing = c1 == '/';
            int nameStart = closing ? i + 2 : i + 1;
            if (nameStart >= n || !isAsciiLetter(s.charAt(nameStart))) {
                emit('<', i);
                return i + 1;
            }
            int nameEnd = nameStart;
            while (nameEnd < n && isNameChar(s.charAt(nameEnd))) {
                nameEnd++;
            }
            int end = endOfTag(nameEnd);
            int nameLen = nameEnd - nameStart;
            if (!closing && (nameIs(nameStart, nameLen, "script") || nameIs(nameStart, nameLen, "style")
                    || nameIs(nameStart, nameLen, "title"))) {
                return skipElement(end, nameStart, nameLen);
            }
            structure(nameStart, nameLen, closing, i);
            return end;
        }

        /** Skips to after the closing tag of a raw-text element (script, style, title). */
        private int skipElement(int from, int nameStart, int nameLen) {
            int j = from;
            while (true) {
                int lt = s.indexOf("</", j);
                if (lt < 0) {
                    return n;
                }
                if (s.regionMatches(true, lt + 2, s, nameStart, nameLen)) {
                    return endOfTag(lt + 2 + nameLen);
                }
                j = lt + 2;
            }
        }

        /** Line and cell boundaries from block and table elements. */
        private void structure(int nameStart, int nameLen, boolean closing, int rawIndex) {
            if (nameIs(nameStart, nameLen, "table")) {
                tableDepth += closing ? (tableDepth > 0 ? -1 : 0) : 1;
                cellsInRow = 0;
                emit('\n', rawIndex);
            } else if (nameIs(nameStart, nameLen, "tr")) {
                // only the start of a row ends a line, so the rows of a table stay contiguous lines
                if (!closing) {
                    cellsInRow = 0;
                    emit('\n', rawIndex);
                }
            } else if (nameIs(nameStart, nameLen, "td") || nameIs(nameStart, nameLen, "th")) {
                if (!closing) {
                    if (cellsInRow++ > 0) {
                        emit('\t', rawIndex);
                    }
                }
            } else if (isBlock(nameStart, nameLen)) {
                emit(tableDepth > 0 ? ' ' : '\n', rawIndex);
            }
        }

        private boolean isBlock(int st, int len) {
            return nameIs(st, len, "p") || nameIs(st, len, "div") || nameIs(st, len, "br") || nameIs(st, len, "li")
                    || nameIs(st, len, "ul") || nameIs(st, len, "ol") || nameIs(st, len, "blockquote")
                    || nameIs(st, len, "pre") || nameIs(st, len, "hr") || nameIs(st, len, "dt") || nameIs(st, len, "dd")
                    || nameIs(st, len, "section") || nameIs(st, len, "article") || nameIs(st, len, "header")
                    || nameIs(st, len, "footer") || nameIs(st, len, "body") || nameIs(st, len, "caption")
                    || (len == 2 && (s.charAt(st) == 'h' || s.charAt(st) == 'H') && s.charAt(st + 1) >= '1'
                    && s.charAt(st + 1) <= '6');
        }

        private boolean nameIs(int st, int len, String name) {
            return len == name.length() && s.regionMatches(true, st, name, 0, len);
        }

        /** Index after the '>' that ends a tag, honouring quoted attribute values. */
        private int endOfTag(int from) {
            int j = from;
            while (j < n) {
                char c = s.charAt(j);
                if (c == '>') {
                    return j + 1;
                }
                if (c == '"' || c == '\'') {
                    int q = s.indexOf(c, j + 1);
                    if (q < 0) {
                        return n;
                    }
                    j = q + 1;
                } else {
                    j++;
                }
            }
            return n;
        }

        private int skipTo(int from, char c) {
            int j = s.indexOf(c, from);
            return j < 0 ? n : j + 1;
        }

        /** Decodes the entity at {@code i} ('&'), or emits '&' when it is not one. */
        private int entity(int i) {
            int semi = -1;
            int limit = Math.min(n, i + 12);
            for (int j = i + 1; j < limit; j++) {
                char c = s.charAt(j);
                if (c == ';') {
                    semi = j;
                    break;
                }
                if (!(isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '#')) {
                    break;
                }
            }
            if (semi < 0 || semi == i + 1) {
                emit('&', i);
                return i + 1;
            }
            char decoded = decode(i + 1, semi);
            if (decoded == 0) {
                emit('&', i);
                return i + 1;
            }
            if (decoded != '\u00ad') {
                emit(decoded == '\u00a0' ? ' ' : decoded, i);
            }
            return semi + 1;
        }

        private char decode(int st, int end) {
            if (s.charAt(st) == '#') {
                int v = 0;
                boolean hex = st + 1 < end && (s.charAt(st + 1) == 'x' || s.charAt(st + 1) == 'X');
                int j = hex ? st + 2 : st + 1;
                if (j >= end) {
                    return 0;
                }
                for (; j < end; j++) {
                    int dv = Character.digit(s.charAt(j), hex ? 16 : 10);
                    if (dv < 0 || v > 0x10FFFF) {
                        return 0;
                    }
                    v = v * (hex ? 16 : 10) + dv;
                }
                return v == 0 || v > 0xFFFF ? (v == 0 ? 0 : '\uFFFD') : (char) v;
            }
            return switch (s.substring(st, end)) {
                case "nbsp" -> '\u00a0';
                case "amp" -> '&';
                case "lt" -> '<';
                case "gt" -> '>';
                case "quot" -> '"';
                case "apos" -> '\'';
                case "ndash" -> '\u2013';
                case "mdash" -> '\u2014';
                case "minus" -> '\u2212';
                case "shy" -> '\u00ad';
                case "auml" -> 'ä';
                case "Auml" -> 'Ä';
                case "ouml" -> 'ö';
                case "Ouml" -> 'Ö';
                case "aring" -> 'å';
                case "Aring" -> 'Å';
                case "eacute" -> 'é';
                case "Eacute" -> 'É';
                case "uuml" -> 'ü';
                case "Uuml" -> 'Ü';
                case "laquo" -> '«';
                case "raquo" -> '»';
                case "rsquo" -> '\u2019';
                case "lsquo" -> '\u2018';
                case "rdquo" -> '\u201d';
                case "ldquo" -> '\u201c';
                case "hellip" -> '\u2026';
                case "bull" -> '\u2022';
                case "middot" -> '·';
                case "ensp", "emsp", "thinsp" -> ' ';
                default -> 0;
            };
        }

        private static boolean isAsciiLetter(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }

        private static boolean isNameChar(char c) {
            return isAsciiLetter(c) || (c >= '0' && c <= '9') || c == ':' || c == '-' || c == '_';
        }
    }
}
