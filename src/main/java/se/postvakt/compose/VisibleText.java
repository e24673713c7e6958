package se.postvakt.compose;

/**
 * The text a reader sees, with a map back to the submitted string. For plain text it is the string itself. For HTML,
 * one linear pass drops tags, attributes, comments, {@code <script>} and {@code <style>}, decodes entities, turns raw
 * whitespace into spaces, ends a line at block elements ({@code <p>}, {@code <div>}, {@code <br>}, {@code <tr>}, …)
 * and separates table cells with a tab, so a table reads like a tab-separated text table (a block element inside a
 * cell becomes a vertical tab: a break that is whitespace to word rules but neither a line end nor a separator). Offsets of what a detector
 * finds are mapped back with {@link #rawStart} and {@link #rawEnd}, so they are UTF-16 indices into the raw HTML.
 */
public final class VisibleText {
    private final String raw;
    private final char[] text;
    private final int length;
    // Runs of visible characters that are consecutive in the raw string: run k starts at visible runVisible[k] and
    // raw runRaw[k]. One entry per tag or entity instead of one per character keeps big messages cheap.
    private final int[] runVisible;
    private final int[] runRaw;
    private final int runs;

    private VisibleText(String raw, char[] text, int length, int[] runVisible, int[] runRaw, int runs) {
        this.raw = raw;
        this.text = text;
        this.length = length;
        this.runVisible = runVisible;
        this.runRaw = runRaw;
        this.runs = runs;
    }

    /** Plain text: the string as submitted. */
    public static VisibleText plain(String s) {
        String v = s == null ? "" : s;
        return new VisibleText(v, v.toCharArray(), v.length(), null, null, 0);
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
        if (runVisible == null) {
            return i;
        }
        int lo = 0;
        int hi = runs - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (runVisible[mid] <= i) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return runRaw[lo] + (i - runVisible[lo]);
    }

    /**
     * Index in the raw string just after visible character {@code end - 1}. In HTML a character written as an
     * entity ({@code &#50;}, {@code &auml;}) ends after its ';'.
     */
    public int rawEnd(int end) {
        int last = rawStart(end - 1);
        if (runVisible != null && last < raw.length() && raw.charAt(last) == '&') {
            for (int k = last + 1; k < raw.length() && k - last <= 32; k++) {
                char c = raw.charAt(k);
                if (c == ';') {
                    return k + 1;
                }
                if (!(Character.isLetterOrDigit(c) || c == '#')) {
                    break;
                }
            }
        }
        return last + 1;
    }

    /** The visible text as a string (for tests and tools; never log it). */
    public String text() {
        return new String(text, 0, length);
    }

    /** Only the size, so that message text never reaches a log through string concatenation. */
    @Override
    public String toString() {
        return "VisibleText[" + length + " of " + raw.length() + " chars]";
    }

    /** The one-pass HTML reader; linear in the input whatever its nesting. */
    private static final class HtmlReader {
        private static final int OTHER = 0;
        private static final int RAW_TEXT = 1;
        private static final int TABLE = 2;
        private static final int ROW = 3;
        private static final int CELL = 4;
        private static final int BLOCK = 5;
        /** Inside a table cell a block element breaks the line without ending the table row. */
        static final char CELL_BREAK = '\u000b';
        private static final long P = key("p");
        private static final long TR_KEY = key("tr");
        private static final long TD_KEY = key("td");
        private static final long TH_KEY = key("th");
        private static final long[] BLOCKS_2 = {key("br"), key("li"), key("ul"), key("ol"), key("hr"), key("dt"), key("dd")};
        private static final long DIV = key("div");
        private static final long PRE = key("pre");
        private static final long BODY = key("body");
        private static final long TABLE_KEY = key("table");
        private static final long STYLE = key("style");
        private static final long TITLE = key("title");
        private static final long SCRIPT = key("script");
        private static final long HEADER = key("header");
        private static final long FOOTER = key("footer");
        private static final long SECTION = key("section");
        private static final long ARTICLE = key("article");
        private static final long CAPTION = key("caption");
        private static final long BLOCKQUOTE = key("blockquote");

        /** What a tag name does to the visible text; decided by its length first, as most tags are short. */
        private static int kind(long k) {
            switch ((int) (k >>> 60)) {
                case 1:
                    return k == P ? BLOCK : OTHER;
                case 2:
                    if (k == TD_KEY || k == TH_KEY) {
                        return CELL;
                    }
                    if (k == TR_KEY) {
                        return ROW;
                    }
                    long first = (k >>> 6) & 0x3f;
                    long second = k & 0x3f;
                    if (first == ('h' & 0x3f) && second >= ('1' & 0x3f) && second <= ('6' & 0x3f)) {
                        return BLOCK;
                    }
                    for (long b : BLOCKS_2) {
                        if (b == k) {
                            return BLOCK;
                        }
                    }
                    return OTHER;
                case 3:
                    return k == DIV || k == PRE ? BLOCK : OTHER;
                case 4:
                    return k == BODY ? BLOCK : OTHER;
                case 5:
                    return k == TABLE_KEY ? TABLE : k == STYLE || k == TITLE ? RAW_TEXT : OTHER;
                case 6:
                    return k == SCRIPT ? RAW_TEXT : k == HEADER || k == FOOTER ? BLOCK : OTHER;
                case 7:
                    return k == SECTION || k == ARTICLE || k == CAPTION ? BLOCK : OTHER;
                case 10:
                    return k == BLOCKQUOTE ? BLOCK : OTHER;
                default:
                    return OTHER;
            }
        }

        private final String s;
        private final int n;
        private char[] out;
        private int[] runVisible = new int[64];
        private int[] runRaw = new int[64];
        private int runs;
        private int nextRaw = -1;
        private int len;
        private int tableDepth;
        private int cellsInRow;

        HtmlReader(String s) {
            this.s = s;
            this.n = s.length();
            // Word HTML is mostly markup: start small and grow rather than zero a buffer the size of the input
            this.out = new char[Math.max(16, n >>> 3)];
        }

        /** A tag name packed into a long (6 bits a character, case-folded); -1 when too long to be one we know. */
        static long key(CharSequence name) {
            return key(name, 0, name.length());
        }

        static long key(CharSequence name, int from, int to) {
            if (to - from > 10) {
                return -1;
            }
            long k = 0;
            for (int i = from; i < to; i++) {
                char c = name.charAt(i);
                k = (k << 6) | ((c | 0x20) & 0x3f);
            }
            return k | ((long) (to - from) << 60);
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
                    i = copyText(i);
                }
            }
            if (runs == 0) {
                newRun(0);
            }
            return new VisibleText(s, out, len, runVisible, runRaw, runs);
        }

        /**
         * Copies plain text from {@code from} up to the next '<' or '&' while looking for them, so each character is
         * read once; raw line breaks are just spaces to a reader. A tab stays a tab: Word and people line up columns
         * with tabs in paragraphs, and the scanner reads tab-separated lines as a table. Returns where the text ends.
         */
        private int copyText(int from) {
            if (from != nextRaw) {
                newRun(from);
            }
            int j = from;
            int o = len;
            char[] dst = out;
            while (j < n) {
                char c = s.charAt(j);
                if (c <= '<') {
                    if (c == '<' || c == '&') {
                        break;
                    }
                    if (c == '\n' || c == '\r' || c == '\f') {
                        c = ' ';
                    }
                }
                if (o == dst.length) {
                    dst = out = java.util.Arrays.copyOf(dst, Math.min(n, dst.length * 2));
                }
                dst[o++] = c;
                j++;
            }
            len = o;
            nextRaw = j;
            return j;
        }

        private void newRun(int rawIndex) {
            if (runs == runVisible.length) {
                runVisible = java.util.Arrays.copyOf(runVisible, runs * 2);
                runRaw = java.util.Arrays.copyOf(runRaw, runs * 2);
            }
            runVisible[runs] = len;
            runRaw[runs++] = rawIndex;
        }

        /** A character made from markup (a tag or an entity) at {@code rawIndex}; it starts a run of its own. */
        private void emit(char c, int rawIndex) {
            newRun(rawIndex);
            if (len == out.length) {
                out = java.util.Arrays.copyOf(out, Math.min(n, out.length * 2));
            }
            out[len++] = c;
            nextRaw = -1;
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
            int kind = kind(key(s, nameStart, nameEnd));
            if (kind == RAW_TEXT && !closing) {
                return skipElement(end, nameStart, nameEnd - nameStart);
            }
            if (kind != OTHER) {
                structure(kind, closing, i);
            }
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
        private void structure(int kind, boolean closing, int rawIndex) {
            if (kind == TABLE) {
                tableDepth += closing ? (tableDepth > 0 ? -1 : 0) : 1;
                cellsInRow = 0;
                lineBreak('\n', rawIndex);
            } else if (kind == ROW) {
                // only the start of a row ends a line, so the rows of a table stay contiguous lines
                if (!closing) {
                    cellsInRow = 0;
                    lineBreak('\n', rawIndex);
                }
            } else if (kind == CELL) {
                if (!closing && cellsInRow++ > 0) {
                    emit('\t', rawIndex);
                }
            } else {
                lineBreak(tableDepth > 0 ? CELL_BREAK : '\n', rawIndex);
            }
        }

        /** One break for a run of block boundaries: nested elements open and close many at the same place. */
        private void lineBreak(char c, int rawIndex) {
            if (len == 0 || out[len - 1] != c) {
                emit(c, rawIndex);
            }
        }

        /**
         * Index after the '>' that ends a tag, honouring quoted attribute values. Tags are short between their quoted
         * values, so those parts are read a character at a time and only the values are skipped with indexOf.
         */
        private int endOfTag(int from) {
            int j = from;
            while (j < n) {
                char c = s.charAt(j);
                if (c == '>') {
                    return j + 1;
                }
                if (c == '"' || c == '\'') {
                    int close = s.indexOf(c, j + 1);
                    if (close < 0) {
                        return n;
                    }
                    j = close + 1;
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
