package se.postvakt.compose;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A Swedish personal identity number (personnummer) or coordination number (samordningsnummer, day + 60).
 *
 * <p>Immutable; equal numbers have the same canonical 12-digit form ({@code YYYYMMDDNNNC}, the day as written, so a
 * samordningsnummer keeps its day + 60). Accepted input: 10 digits {@code YYMMDDNNNC} with no separator, {@code -},
 * {@code +} (age 100 or more), an en dash or one (possibly no-break) space; 12 digits {@code YYYYMMDDNNNC} with the same separators. The
 * century of a 10-digit form is inferred from the {@link Clock}: the latest year not after today, one century further
 * back with {@code +}. Valid means: Luhn over the 10-digit form, a real calendar date, birth number 001–999 and, for
 * 12 digits, century 18, 19 or 20.
 */
public final class Personnummer {
    /** Personnummer or samordningsnummer. */
    public enum Kind {
        PERSONNUMMER("personnummer"), SAMORDNINGSNUMMER("samordningsnummer");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        /** The spelling used in the API. */
        public String wire() {
            return wire;
        }
    }

    private final int year;
    private final int month;
    private final int writtenDay;
    private final int birthNumber;
    private final int checkDigit;

    private Personnummer(int year, int month, int writtenDay, int birthNumber, int checkDigit) {
        this.year = year;
        this.month = month;
        this.writtenDay = writtenDay;
        this.birthNumber = birthNumber;
        this.checkDigit = checkDigit;
    }

    /** Parses a number in any accepted form; throws {@link IllegalArgumentException} when it is not valid. */
    public static Personnummer parse(String text, Clock clock) {
        return tryParse(text, clock).orElseThrow(() -> new IllegalArgumentException("not a valid personnummer"));
    }

    /** True when {@code text} is a valid number in one of the accepted forms. */
    public static boolean valid(String text, Clock clock) {
        return tryParse(text, clock).isPresent();
    }

    /** The number, or empty when {@code text} is not a valid number in one of the accepted forms. */
    public static Optional<Personnummer> tryParse(String text, Clock clock) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        int n = s.length();
        if (n != 10 && n != 11 && n != 12 && n != 13) {
            return Optional.empty();
        }
        char sep = 0;
        int[] d = new int[12];
        int count = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (count == 12) {
                    return Optional.empty();
                }
                d[count++] = c - '0';
            } else if (sep == 0 && isSeparator(c) && (count == 6 || count == 8) && n - i - 1 == 4) {
                sep = c;
            } else {
                return Optional.empty();
            }
        }
        if (count == 10) {
            return Optional.ofNullable(fromDigits(d, 0, -1, sep == '+', LocalDate.now(clock)));
        }
        if (count == 12) {
            return Optional.ofNullable(fromDigits(d, 2, d[0] * 10 + d[1], false, null));
        }
        return Optional.empty();
    }

    /** Hyphen, plus, en dash, or one space (a no-break space counts: word processors put one there). */
    static boolean isSeparator(char c) {
        return c == '-' || c == '+' || c == '\u2013' || c == ' ' || c == '\u00a0';
    }

    /**
     * The number whose 10-digit form starts at {@code d[off]}, or null when invalid. {@code century} is 18–20 for a
     * 12-digit form (anything else is invalid) or -1 to infer it from {@code today} (and {@code plus}).
     */
    static Personnummer fromDigits(int[] d, int off, int century, boolean plus, LocalDate today) {
        int yy = d[off] * 10 + d[off + 1];
        int month = d[off + 2] * 10 + d[off + 3];
        int day = d[off + 4] * 10 + d[off + 5];
        int birth = d[off + 6] * 100 + d[off + 7] * 10 + d[off + 8];
        int check = d[off + 9];
        if (birth == 0 || !luhn(d, off)) {
            return null;
        }
        int year;
        if (century >= 0) {
            if (century < 18 || century > 20) {
                return null;
            }
            year = century * 100 + yy;
        } else {
            year = inferYear(yy, plus, today);
        }
        int realDay = day > 60 ? day - 60 : day;
        if (month < 1 || month > 12 || realDay < 1 || realDay > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        return new Personnummer(year, month, day, birth, check);
    }

    /** The latest year ending in {@code yy} that is not after this year; a century earlier for {@code +}. */
    static int inferYear(int yy, boolean plus, LocalDate today) {
        int now = today.getYear();
        int year = now - Math.floorMod(now - yy, 100);
        return plus ? year - 100 : year;
    }

    static boolean luhn(int[] d, int off) {
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            int v = d[off + i] * ((i & 1) == 0 ? 2 : 1);
            sum += v > 9 ? v - 9 : v;
        }
        return sum % 10 == 0;
    }

    public Kind kind() {
        return writtenDay > 60 ? Kind.SAMORDNINGSNUMMER : Kind.PERSONNUMMER;
    }

    /** The date of birth (for a samordningsnummer the day minus 60). */
    public LocalDate birthDate() {
        return LocalDate.of(year, month, writtenDay > 60 ? writtenDay - 60 : writtenDay);
    }

    /** The canonical 12-digit form {@code YYYYMMDDNNNC}. */
    public String canonical() {
        return String.format("%04d%02d%02d%03d%d", year, month, writtenDay, birthNumber, checkDigit);
    }

    /** The 10-digit form with the separator a reader expects today ({@code +} at age 100 or more). */
    public String shortForm(Clock clock) {
        boolean old = LocalDate.now(clock).getYear() - year >= 100;
        return String.format("%02d%02d%02d%c%03d%d", year % 100, month, writtenDay, old ? '+' : '-', birthNumber, checkDigit);
    }

    /** A form safe to show: century and date hidden, only the last two digits kept ({@code 19xxxxxx-xx12}). */
    public String masked() {
        return String.format("%02dxxxxxx-xx%d%d", year / 100, birthNumber % 10, checkDigit);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Personnummer p && p.year == year && p.month == month && p.writtenDay == writtenDay
                && p.birthNumber == birthNumber && p.checkDigit == checkDigit;
    }

    @Override
    public int hashCode() {
        return ((((year * 13 + month) * 32 + writtenDay) * 1000) + birthNumber) * 10 + checkDigit;
    }

    /** Masked, so that a number never reaches a log through string concatenation. */
    @Override
    public String toString() {
        return masked();
    }
}
