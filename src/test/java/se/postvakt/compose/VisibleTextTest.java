package se.postvakt.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a reader sees of HTML, and the way back to raw offsets. */
class VisibleTextTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "<p>Hej</p><p>då</p>|\\nHej\\ndå\\n",
        "a &amp; b &lt;c&gt; &auml;&#229;&#xE5; &nbsp;x &bogus; & y|a & b <c> äåå  x &bogus; & y",
        "<style>p{}</style><script>x</script><!-- c --><title>t</title>synlig|synlig",
        "<table><tr><th>Namn</th><th>Tel</th></tr><tr><td><p>A</p><p>B</p></td><td>1</td></tr></table>|\\nNamn\\tTel\\n\\u000bA\\u000bB\\u000b\\t1\\n",
        "<p title=\"a > b\" data-x='<p>'>text</p>|\\ntext\\n",
        "rad ett\\nrad två|rad ett rad två",
        "a < b <3 <|a < b <3 <",
        "<div><div><div>x</div></div></div>|\\nx\\n",
    })
    void html_reads_as_a_reader_sees_it(String html, String visible) {
        String raw = html.replace("\\n", "\n");
        String expected = visible.replace("\\n", "\n").replace("\\t", "\t").replace("\\u000b", "\u000b");
        assertEquals(expected, VisibleText.html(raw).text());
    }

    @Test
    void visible_positions_map_back_to_raw_offsets() {
        String raw = "<p>Pnr&nbsp;<b>8501</b>01-2382</p>";
        VisibleText vt = VisibleText.html(raw);
        int start = vt.text().indexOf("8501");
        int end = vt.text().indexOf("2382") + 4;
        assertEquals("8501</b>01-2382", raw.substring(vt.rawStart(start), vt.rawEnd(end)));
        assertEquals(' ', vt.text().charAt(start - 1));
        assertEquals(raw.indexOf("&nbsp;"), vt.rawStart(start - 1));
    }

    @Test
    void a_tab_in_a_paragraph_stays_a_tab_and_line_breaks_in_the_source_are_spaces() {
        VisibleText vt = VisibleText.html("<p>Namn\tPersonnummer</p>\n<p>Saga\r\nStröm\t-</p>");
        assertEquals("\nNamn\tPersonnummer\n \nSaga  Ström\t-\n", vt.text());
    }

    @Test
    void plain_text_is_its_own_map() {
        VisibleText vt = VisibleText.plain("abc <p>");
        assertEquals("abc <p>", vt.text());
        assertEquals(4, vt.rawStart(4));
        assertEquals(7, vt.rawEnd(7));
    }
}
