package se.postvakt.compose;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the personal identity numbers a text uses as such. A hand-written linear scan (no regular expressions, no
 * backtracking): each digit run is looked at once, a candidate must have one of the number's written forms, be
 * {@link Personnummer valid}, and not be glued to a longer digit run or a word. Then context decides the cases where
 * valid digits are often something else: ten digits starting with 0 after a phone label, in a phone column or in a
 * list of phone numbers are a phone number; ten bare digits after a timestamp label are a Unix time. A nearby
 * keyword ("personnummer", "pnr", "född", …) or a personnummer column header wins over those.
 */
public final class PersonnummerScanner {
    /** One number found, with offsets into the raw submitted string. */
    public record Hit(int start, int end, Personnummer.Kind kind, String masked) {
    }

    private static final int WINDOW = 48;
    private static final int SIBLING_SCAN = 400;

    private static final String[] PNR_KEYWORDS = {"personn", "pnr", "pers.nr", "pers nr", "personnr", "födelsenr",
        "födelsenummer", "samordningsn", "id-nr", "id-nummer", "idnummer", "id nummer", "född", "p-nr", "p.nr",
        "identity number", "ssn"};
    private static final String[] TIME_KEYWORDS = {"ts=", "ts:", "ts\":", "ts':", "tidsstämp", "timestamp", "unix",
        "epoch", "created", "updated", "time=", "time\":", "tid=", "tidpunkt", "loggad"};

    private PersonnummerScanner() {
    }

    /** Every number in {@code text} that is used as an identity number, in order. */
    public static List<Hit> scan(VisibleText text, LocalDate today) {
        return scan(text, today, Integer.MAX_VALUE);
    }

    /** The first {@code limit} numbers in {@code text} used as identity numbers, in order. */
    public static List<Hit> scan(VisibleText text, LocalDate today, int limit) {
        return new Run(text, today).scan(limit);
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean dashLike(char c) {
        return c == '-' || c == '\u2013' || c == '/';
    }

    /** One scan over one text. */
    private static final class Run {
        private final VisibleText vt;
        private final char[] t;
        private final int n;
        private final LocalDate today;
        private final int[] digits = new int[12];
        private final Lines lines;
        /** Lines the phone-heading walks may still visit in this text. */
        private int headingWalkBudget = 20_000;

        Run(VisibleText vt, LocalDate today) {
            this.vt = vt;
            this.t = vt.chars();
            this.n = vt.length();
            this.today = today;
            this.lines = new Lines(t, n);
        }

        List<Hit> scan(int limit) {
            List<Hit> hits = new ArrayList<>();
            int i = 0;
            while (i < n && hits.size() < limit) {
                if (!digit(t[i])) {
                    i++;
                    continue;
                }
                int j = i + 1;
                while (j < n && digit(t[j])) {
                    j++;
                }
                int end = candidateEnd(i, j);
                if (end > 0) {
                    Personnummer p = validate(i, end);
                    if (p != null && context(i, end, p)) {
                        hits.add(new Hit(vt.rawStart(i), vt.rawEnd(end), p.kind(), mask(i, end)));
                        i = end;
                        continue;
                    }
                }
                i = j;
            }
            return hits;
        }

        /**
         * The end of a candidate whose digit run is {@code [i, j)}, or -1: 10 or 12 bare digits, or 6 or 8 digits, one
         * separator and 4 digits; never glued to letters or to more digits.
         */
        int candidateEnd(int i, int j) {
            int run = j - i;
            int end;
            char sep = 0;
            if (run == 10 || run == 12) {
                end = j;
            } else if ((run == 6 || run == 8) && j + 5 <= n && Personnummer.isSeparator(t[j]) && digit(t[j + 1])
                    && digit(t[j + 2]) && digit(t[j + 3]) && digit(t[j + 4]) && (j + 5 == n || !digit(t[j + 5]))) {
                end = j + 5;
                sep = t[j];
            } else {
                return -1;
            }
            if (i > 0) {
                char b = t[i - 1];
                if (Character.isLetter(b) || b == '+' || b == '.' && i > 1 && digit(t[i - 2])) {
                    return -1;
                }
                if (i > 1 && digit(t[i - 2]) && (dashLike(b) || (sep == ' ' || sep == '\u00a0') && (b == ' ' || b == '\u00a0'))) {
                    return -1;
                }
            }
            if (end < n) {
                char a = t[end];
                if (Character.isLetterOrDigit(a) || a == '.' && end + 1 < n && digit(t[end + 1])) {
                    return -1;
                }
                if (end + 1 < n && digit(t[end + 1]) && (dashLike(a) || (sep == ' ' || sep == '\u00a0') && (a == ' ' || a == '\u00a0'))) {
                    return -1;
                }
            }
            return end;
        }

        Personnummer validate(int i, int end) {
            int count = 0;
            boolean plus = false;
            for (int k = i; k < end; k++) {
                char c = t[k];
                if (digit(c)) {
                    digits[count++] = c - '0';
                } else {
                    plus = c == '+';
                }
            }
            if (count == 10) {
                return Personnummer.fromDigits(digits, 0, -1, plus, today);
            }
            return Personnummer.fromDigits(digits, 2, digits[0] * 10 + digits[1], false, null);
        }

        /** The written form masked: {@code 8501xx-xxx2} for ten digits, {@code 19xxxxxx-xx12} for twelve. */
        String mask(int i, int end) {
            int count = 0;
            for (int k = i; k < end; k++) {
                if (digit(t[k])) {
                    digits[count++] = t[k] - '0';
                }
            }
            StringBuilder sb = new StringBuilder(13);
            if (count == 10) {
                sb.append(digits[0]).append(digits[1]).append(digits[2]).append(digits[3]).append("xx-xxx").append(digits[9]);
            } else {
                sb.append(digits[0]).append(digits[1]).append("xxxxxx-xx").append(digits[10]).append(digits[11]);
            }
            return sb.toString();
        }

        /** False when the context says the valid digits are a phone number or a timestamp. */
        boolean context(int i, int end, Personnummer p) {
            int digitCount = 0;
            boolean separated = false;
            for (int k = i; k < end; k++) {
                if (digit(t[k])) {
                    digitCount++;
                } else {
                    separated = t[k] != ' ' && t[k] != '\u00a0';
                }
            }
            boolean ten = digitCount == 10;
            boolean phoneShaped = ten && t[i] == '0';
            boolean timeShaped = ten && end - i == 10;
            if (!phoneShaped && !timeShaped) {
                return true;
            }
            String before = before(i);
            int keyword = lastIndexOfAny(before, PNR_KEYWORDS);
            int column = lines.columnClass(i);
            if (column == Lines.PNR) {
                return true;
            }
            if (phoneShaped) {
                int phoneLabel = phoneLabel(before);
                if (phoneLabel > keyword || (keyword < 0 && (column == Lines.PHONE || internationalPrefix(i)))) {
                    return false;
                }
                if (keyword < 0 && !separated && phoneSiblings(i, end)) {
                    return false;
                }
                if (keyword < 0 && contactLine(i)) {
                    return false;
                }
            }
            if (timeShaped) {
                int time = lastIndexOfAny(before, TIME_KEYWORDS);
                if (time > keyword || (keyword < 0 && (column == Lines.TIME || timeAfter(end)))) {
                    return false;
                }
                // ten bare digits labelled as another kind of number, or followed by a currency, are that
                if (otherNumberLabel(before) > keyword
                        || (keyword < 0 && (column == Lines.OTHER_NUMBER || amountAfter(end)))) {
                    return false;
                }
            }
            return true;
        }

        /** A currency right after the number: {@code 8501012382 kr}, {@code SEK}, {@code :-}. */
        boolean amountAfter(int end) {
            int k = end;
            while (k < n && (t[k] == ' ' || t[k] == '\u00a0')) {
                k++;
            }
            if (k + 1 < n && t[k] == ':' && t[k + 1] == '-') {
                return true;
            }
            int w = k;
            while (w < n && Character.isLetter(t[w])) {
                w++;
            }
            String unit = new String(t, k, w - k).toLowerCase(Locale.ROOT);
            return unit.equals("kr") || unit.equals("kronor") || unit.equals("sek") || unit.equals("tkr")
                    || unit.equals("mkr") || unit.equals("eur") || unit.equals("euro");
        }

        /**
         * Up to {@link #WINDOW} characters before {@code i} on the same line, lower-cased; when the number starts its
         * line, the end of the line before (a label such as "Mobil:" often sits on a line of its own).
         */
        String before(int i) {
            int from = i;
            boolean blank = true;
            while (from > 0 && i - from < WINDOW && t[from - 1] != '\n') {
                blank &= !Character.isLetterOrDigit(t[from - 1]);
                from--;
            }
            if (blank && from > 0 && t[from - 1] == '\n') {
                int end = from - 1;
                from = end;
                while (from > 0 && end - from < WINDOW && t[from - 1] != '\n') {
                    from--;
                }
                return (new String(t, from, end - from) + " " + new String(t, end + 1, i - end - 1)).toLowerCase(Locale.ROOT);
            }
            return new String(t, from, i - from).toLowerCase(Locale.ROOT);
        }

        boolean timeAfter(int end) {
            int to = Math.min(n, end + 16);
            String after = new String(t, end, to - end).toLowerCase(Locale.ROOT);
            return after.contains("unix") || after.contains("epoch") || after.startsWith(" ms") || after.startsWith("ms");
        }

        /** {@code +46} or {@code 0046} right before the number. */
        boolean internationalPrefix(int i) {
            int k = i - 1;
            while (k >= 0 && (t[k] == ' ' || t[k] == '(' || t[k] == ')')) {
                k--;
            }
            return k >= 1 && t[k] == '6' && t[k - 1] == '4' && (k < 2 || !digit(t[k - 2]) || (k >= 3 && t[k - 2] == '0'
                    && t[k - 3] == '0'));
        }

        /**
         * A line-list of phone numbers: the number ends its line, and the nearest non-blank line before or after ends
         * with a phone-shaped number and holds no valid personnummer ("Vecka 45: Agnes, 070-192 32 99").
         */
        boolean phoneSiblings(int i, int end) {
            if (!endsLine(end)) {
                return false;
            }
            int lineStart = i;
            while (lineStart > 0 && t[lineStart - 1] != '\n') {
                if (i - lineStart > SIBLING_SCAN) {
                    return false;
                }
                lineStart--;
            }
            int lineEnd = end;
            while (lineEnd < n && t[lineEnd] != '\n') {
                if (lineEnd - end > SIBLING_SCAN) {
                    return false;
                }
                lineEnd++;
            }
            int[] previous = previousLine(lineStart);
            int[] next = nextLine(lineEnd);
            if (phoneLine(previous) || phoneLine(next) || emailLine(next)) {
                return true;
            }
            // a list under a phone heading ("Telefonlista jourhavande:"), however many of its numbers validate; the
            // walks share a budget so that a text made of such lists stays a linear scan with a small constant
            for (int k = 0; k < 12 && previous != null && endsWithDigit(previous); k++) {
                if (--headingWalkBudget < 0) {
                    return false;
                }
                previous = previousLine(previous[0]);
            }
            return previous != null && phoneHeading(previous);
        }

        boolean endsWithDigit(int[] line) {
            int e = line[1];
            while (e > line[0] && (Character.isWhitespace(t[e - 1]) || t[e - 1] == '\u00a0' || t[e - 1] == '.'
                    || t[e - 1] == ',')) {
                e--;
            }
            return e > line[0] && digit(t[e - 1]);
        }

        /** A heading line that ends with ':' and names phones, not identity numbers ("Telefonlista jourhavande:"). */
        boolean phoneHeading(int[] line) {
            int e = line[1];
            while (e > line[0] && (Character.isWhitespace(t[e - 1]) || t[e - 1] == '\u00a0')) {
                e--;
            }
            if (e == line[0] || t[e - 1] != ':') {
                return false;
            }
            // read like a table header: a phone word, and no identity keyword, makes it a phone heading
            return Lines.classify(new String(t, line[0], e - line[0]).toLowerCase(Locale.ROOT)) == Lines.PHONE;
        }

        /**
         * The number is on a line that names a contact person ("Anhörig: dottern Therese, 07…", "Vårdnadshavare: Wilma
         * Eklund, 07…"): a contact's number is how to reach them. A personnummer starting with 0 belongs to someone
         * born 2000–2009, rarely the relative or guardian being named.
         */
        boolean contactLine(int i) {
            int s = i;
            while (s > 0 && t[s - 1] != '\n' && i - s < SIBLING_SCAN) {
                s--;
            }
            while (s < i && (t[s] == ' ' || t[s] == '>' || t[s] == '\u00a0' || t[s] == '\t')) {
                s++;
            }
            int e = s;
            while (e < i && (Character.isLetter(t[e]) || t[e] == ' ') && e - s < 20) {
                e++;
            }
            if (e >= i || t[e] != ':') {
                return false;
            }
            return switch (new String(t, s, e - s).strip().toLowerCase(Locale.ROOT)) {
                case "anhörig", "anhöriga", "närstående", "vårdnadshavare", "vårdnadshavare 1", "vårdnadshavare 2",
                        "kontaktperson", "kontakt", "god man", "förvaltare", "ombud", "kontaktperson anhörig" -> true;
                default -> false;
            };
        }

        /** A line that is one e-mail address and nothing else, as under the phone number of a signature. */
        boolean emailLine(int[] line) {
            if (line == null) {
                return false;
            }
            int s = line[0];
            int e = line[1];
            while (s < e && (Character.isWhitespace(t[s]) || t[s] == '\u00a0' || t[s] == '>')) {
                s++;
            }
            while (e > s && (Character.isWhitespace(t[e - 1]) || t[e - 1] == '\u00a0')) {
                e--;
            }
            int at = -1;
            for (int k = s; k < e; k++) {
                if (Character.isWhitespace(t[k])) {
                    return false;
                }
                if (t[k] == '@') {
                    at = k;
                }
            }
            return at > s && at < e - 3 && Character.isLetterOrDigit(t[at - 1]) && Character.isLetter(t[at + 1]);
        }

        /** Only spaces, tabs and closing punctuation between {@code pos} and the end of its line. */
        boolean endsLine(int pos) {
            for (int k = pos; k < n && t[k] != '\n'; k++) {
                char c = t[k];
                if (!(Character.isWhitespace(c) || c == '.' || c == ',' || c == ';' || c == ')' || c == '\u00a0'
                        || c == '\u000b')) {
                    return false;
                }
                if (k - pos > SIBLING_SCAN) {
                    return false;
                }
            }
            return true;
        }

        /** [start, end) of the nearest non-blank line before {@code lineStart}, or null. */
        int[] previousLine(int lineStart) {
            int e = lineStart - 1;
            while (e >= 0) {
                int s = e;
                while (s > 0 && t[s - 1] != '\n' && e - s < SIBLING_SCAN) {
                    s--;
                }
                if (!blank(s, e)) {
                    return new int[] {s, e};
                }
                if (lineStart - s > SIBLING_SCAN) {
                    return null;
                }
                e = s - 1;
            }
            return null;
        }

        int[] nextLine(int lineEnd) {
            int s = lineEnd + 1;
            while (s < n) {
                int e = s;
                while (e < n && t[e] != '\n' && e - s < SIBLING_SCAN) {
                    e++;
                }
                if (!blank(s, e)) {
                    return new int[] {s, e};
                }
                if (e - lineEnd > SIBLING_SCAN) {
                    return null;
                }
                s = e + 1;
            }
            return null;
        }

        boolean blank(int s, int e) {
            for (int k = s; k < e; k++) {
                if (!Character.isWhitespace(t[k]) && t[k] != '>' && t[k] != '\u00a0') {
                    return false;
                }
            }
            return true;
        }

        /** A line with a phone-shaped number and no valid identity number. */
        boolean phoneLine(int[] line) {
            if (line == null) {
                return false;
            }
            boolean phone = false;
            int k = line[0];
            while (k < line[1]) {
                if (!digit(t[k])) {
                    k++;
                    continue;
                }
                int j = k + 1;
                while (j < n && digit(t[j])) {
                    j++;
                }
                int ce = candidateEnd(k, j);
                if (ce > 0 && validate(k, ce) != null) {
                    return false;
                }
                int pe = phoneEnd(k);
                if (pe > 0) {
                    phone |= endsLine(pe);
                    k = pe;
                } else {
                    k = j;
                }
            }
            return phone;
        }

        /**
         * End of a phone-shaped number starting at {@code k}: an area code starting with 0 (or after +46/0046), digit
         * groups joined by single spaces or dashes, 8–10 digits in all; -1 when there is none.
         */
        int phoneEnd(int k) {
            boolean intl = k > 0 && t[k - 1] == '+' || (k + 1 < n && t[k] == '0' && t[k + 1] == '0');
            if (t[k] != '0' && !intl) {
                return -1;
            }
            int total = 0;
            int groups = 0;
            int j = k;
            while (true) {
                int g = j;
                while (j < n && digit(t[j])) {
                    j++;
                }
                total += j - g;
                groups++;
                if (j + 1 < n && (t[j] == ' ' || t[j] == '-') && digit(t[j + 1])) {
                    j++;
                } else {
                    break;
                }
            }
            int min = intl ? 9 : 8;
            int max = intl ? 14 : 10;
            if (total < min || total > max) {
                return -1;
            }
            return groups >= 2 || (total == 10 && t[k + 1] == '7') ? j : -1;
        }

        /** Index in {@code before} of the last phone label among the last words, or -1. */
        static int phoneLabel(String before) {
            return labelAmongLastWords(before, 3, Run::isPhoneWord, (word, start) -> reachedBy(before, word, start));
        }

        /**
         * The last word before a phone-shaped number says someone is reached on it: "… mig på", "nås säkrast på",
         * "Kontakta mig:", "Kontakt:". Only the word right before counts ("Kontakta skolan om …" is not a phone).
         */
        static boolean reachedBy(String before, String last, int lastStart) {
            if (last.equals("kontakt") || last.equals("kontakta")) {
                return true;
            }
            String previous = wordBefore(before, lastStart);
            if (last.equals("på")) {
                return PRONOUNS.contains(previous) || switch (previous) {
                    case "säkrast", "bäst", "enklast", "också", "även", "direkt" -> true;
                    default -> false;
                };
            }
            return PRONOUNS.contains(last) && previous.equals("kontakta");
        }

        private static final java.util.Set<String> PRONOUNS = java.util.Set.of("mig", "mej", "dig", "dej", "oss", "er",
                "henne", "honom", "hen", "dem");

        /** The word that ends before {@code end} in {@code s}, skipping spaces; "" when there is none. */
        static String wordBefore(String s, int end) {
            int e = end;
            while (e > 0 && (s.charAt(e - 1) == ' ' || s.charAt(e - 1) == '\u00a0')) {
                e--;
            }
            int b = e;
            while (b > 0 && Character.isLetter(s.charAt(b - 1))) {
                b--;
            }
            return s.substring(b, e);
        }

        /**
         * Index in {@code before} of a label among the last four words that names another kind of number (invoice,
         * OCR, customer, order, account, case, amount, …), or -1.
         */
        static int otherNumberLabel(String before) {
            return labelAmongLastWords(before, 4, Run::isOtherNumberWord, (word, start) -> isOtherNumberNoun(word));
        }

        /**
         * Index in {@code before} of the nearest of its last {@code maxWords} words that {@code isLabel} accepts, or of the last
         * word when {@code isLastWordLabel} accepts it (given the word and its index), or -1. A tab after the first
         * word ends the search: a label in another table cell is not this number's.
         */
        static int labelAmongLastWords(String before, int maxWords, java.util.function.Predicate<String> isLabel,
                java.util.function.BiPredicate<String, Integer> isLastWordLabel) {
            int words = 0;
            int e = before.length();
            while (e > 0 && words < maxWords) {
                while (e > 0 && !Character.isLetter(before.charAt(e - 1))) {
                    if (before.charAt(e - 1) == '\t' && words > 0) {
                        return -1;
                    }
                    e--;
                }
                int s = e;
                while (s > 0 && Character.isLetter(before.charAt(s - 1))) {
                    s--;
                }
                if (s == e) {
                    break;
                }
                String word = before.substring(s, e);
                if (isLabel.test(word) || (words == 0 && isLastWordLabel.test(word, s))) {
                    return s;
                }
                // a hyphenated compound ("OCR-numret", "mobil-nr") is also read whole, without its hyphens
                int c = s;
                while (c >= 2 && before.charAt(c - 1) == '-' && Character.isLetter(before.charAt(c - 2))) {
                    c--;
                    while (c > 0 && Character.isLetter(before.charAt(c - 1))) {
                        c--;
                    }
                }
                if (c < s && isLabel.test(before.substring(c, e).replace("-", ""))) {
                    return c;
                }
                words++;
                e = c;
            }
            return -1;
        }

        /** A word naming another kind of number, such as a label up to three words before it. */
        static boolean isOtherNumberWord(String w) {
            return switch (w) {
                case "ocr", "ref", "dnr", "diarienr", "bg", "pg", "bankgiro", "plusgiro", "clearing", "belopp",
                        "beloppet", "summa", "summan", "amount" -> true;
                default -> (w.endsWith("nummer") || w.endsWith("numret") || w.endsWith("nr")) && (w.startsWith("faktura")
                        || w.startsWith("ocr") || w.startsWith("kund") || w.startsWith("order") || w.startsWith("referens")
                        || w.startsWith("konto") || w.startsWith("clearing") || w.startsWith("diarie")
                        || w.startsWith("ärende") || w.startsWith("avtal") || w.startsWith("artikel")
                        || w.startsWith("serie") || w.startsWith("medlem") || w.startsWith("objekt")
                        || w.startsWith("lägenhet") || w.startsWith("anställning") || w.startsWith("ordning")
                        || w.startsWith("beställning") || w.startsWith("bokning") || w.startsWith("transaktion")
                        || w.startsWith("verifikation") || w.startsWith("löp") || w.startsWith("kvitto"))
                        || w.endsWith("id") && (w.startsWith("anläggning") || w.startsWith("kund") || w.startsWith("order")
                        || w.startsWith("objekt") || w.startsWith("transaktion") || w.startsWith("avtal"));
            };
        }

        /**
         * A noun for a document or account that labels a number only right before it ("Faktura 2019767446",
         * "Order 4562813365"); further away it may be about a person ("Fakturan gäller 0601012388").
         */
        static boolean isOtherNumberNoun(String w) {
            return switch (w) {
                case "faktura", "fakturan", "order", "referens", "konto", "kontot", "invoice", "account", "reference" -> true;
                default -> w.startsWith("orderbekräftelse") || w.startsWith("bokningsbekräftelse");
            };
        }

        static boolean isPhoneWord(String w) {
            return switch (w) {
                case "tel", "tfn", "telnr", "fax", "sms", "smsa", "messa", "ring", "ringa", "ringer", "uppringd", "nås", "nå",
                        "nummer", "mob",
                        "direkt", "når", "nåbar", "ringas", "call", "fon",
                        "swish", "swisha",
                        "phone", "mobile", "cell", "växel", "växeln" -> true;
                default -> w.startsWith("telefon") || w.endsWith("telefon") || w.startsWith("mobil")
                        || w.startsWith("växel") || w.startsWith("fax") || w.endsWith("nummer") && (w.startsWith("tel")
                        || w.startsWith("mobil") || w.startsWith("direkt") || w.startsWith("jour") || w.startsWith("kontakt"));
            };
        }

        static int lastIndexOfAny(String s, String[] needles) {
            int best = -1;
            for (String k : needles) {
                best = Math.max(best, s.lastIndexOf(k));
            }
            return best;
        }
    }

    /**
     * Walks the lines of the text forward (candidates come in order, so the walk is linear) to tell which table column
     * a position is in and what that column's header says. A table is a run of consecutive lines holding tabs (HTML
     * tables read that way too; empty lines between them do not count); its first line is the header.
     */
    private static final class Lines {
        static final int NONE = 0;
        static final int PNR = 1;
        static final int PHONE = 2;
        static final int TIME = 3;
        static final int OTHER_NUMBER = 4;
        private static final int MAX_COLUMNS = 64;

        private final char[] t;
        private final int n;
        private int lineStart;
        private int lineEnd;
        private boolean lineHasTab;
        private int headerStart = -1;
        private int[] headerClasses;

        Lines(char[] t, int n) {
            this.t = t;
            this.n = n;
            this.lineStart = 0;
            scanLine();
            headerStart = lineHasTab ? 0 : -1;
        }

        private boolean lineBlank;

        private void scanLine() {
            int e = lineStart;
            boolean tab = false;
            boolean blank = true;
            while (e < n && t[e] != '\n') {
                char c = t[e];
                tab |= c == '\t';
                blank &= c == ' ' || c == '\u00a0' || c == '\r';
                e++;
            }
            lineEnd = e;
            lineHasTab = tab;
            lineBlank = blank;
        }

        /** The class of the header of the column holding {@code pos}; {@link #NONE} outside tables and in headers. */
        int columnClass(int pos) {
            while (pos > lineEnd && lineEnd < n) {
                boolean prevTab = lineHasTab;
                lineStart = lineEnd + 1;
                scanLine();
                if (lineBlank) {
                    // an empty line between rows (Word writes each row as a paragraph) does not end the table
                    lineHasTab = prevTab;
                    continue;
                }
                if (lineHasTab) {
                    if (!prevTab) {
                        headerStart = lineStart;
                        headerClasses = null;
                    }
                } else {
                    headerStart = -1;
                }
            }
            if (!lineHasTab || headerStart < 0 || headerStart == lineStart) {
                return NONE;
            }
            int col = 0;
            for (int k = lineStart; k < pos; k++) {
                if (t[k] == '\t') {
                    col++;
                }
            }
            if (headerClasses == null) {
                headerClasses = classifyHeader(headerStart);
            }
            return col < headerClasses.length ? headerClasses[col] : NONE;
        }

        private int[] classifyHeader(int start) {
            int[] classes = new int[MAX_COLUMNS];
            int col = 0;
            int s = start;
            int k = start;
            while (col < MAX_COLUMNS) {
                if (k >= n || t[k] == '\t' || t[k] == '\n') {
                    classes[col++] = classify(new String(t, s, Math.min(k - s, 80)).toLowerCase(Locale.ROOT));
                    if (k >= n || t[k] == '\n') {
                        break;
                    }
                    s = k + 1;
                }
                k++;
            }
            return java.util.Arrays.copyOf(classes, col);
        }

        static int classify(String h) {
            if (Run.lastIndexOfAny(h, PNR_KEYWORDS) >= 0) {
                return PNR;
            }
            if (Run.lastIndexOfAny(h, TIME_KEYWORDS) >= 0) {
                return TIME;
            }
            String[] words = h.split("[^\\p{L}]+");
            for (String w : words) {
                if (Run.isPhoneWord(w)) {
                    return PHONE;
                }
            }
            for (String w : words) {
                if (Run.isOtherNumberWord(w) || Run.isOtherNumberNoun(w)) {
                    return OTHER_NUMBER;
                }
            }
            return NONE;
        }
    }
}
