package se.postvakt.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The request line's milliseconds read as {@code "%.1f"} would write them, without a Formatter per request. */
class RequestLogTest {
    @Test
    void milliseconds_have_one_decimal_like_the_formatter() {
        float[] values = {0f, 0.04f, 0.06f, 0.25f, 0.95f, 1f, 1.26f, 9.99f, 10.0f, 12.34f, 99.96f, 123.45f, 4321.9f,
            86_400_000f};
        for (float v : values) {
            assertEquals(String.format(Locale.ROOT, "%.1f", v), RequestLog.oneDecimal(v), "for " + v);
        }
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < 10_000; i++) {
            float v = r.nextFloat() * 2_000f;
            String expected = String.format(Locale.ROOT, "%.1f", v);
            String actual = RequestLog.oneDecimal(v);
            // the two may round a value that sits on .x5 in binary differently; never by more than the last digit
            assertEquals(Double.parseDouble(expected), Double.parseDouble(actual), 0.1001, "for " + v);
        }
    }

    @Test
    void methods_come_from_a_fixed_set() {
        assertEquals("POST", RequestLog.method("POST"));
        assertEquals("OTHER", RequestLog.method("FOO123"));
        assertEquals("OTHER", RequestLog.method("get"));
        assertEquals("OTHER", RequestLog.method(null));
    }

    @Test
    void odd_values_still_print() {
        assertEquals("NaN", RequestLog.oneDecimal(Float.NaN));
        assertEquals("-1.0", RequestLog.oneDecimal(-1f));
    }
}
