package se.postvakt.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.postvakt.web.Json;

/**
 * The dev corpus's contexts with other numbers in them, so the detector is judged on what it reads around a number
 * rather than on the sample's particular digits (held-out mail follows the same labelling rules with other numbers):
 * every identity number rewritten in each written form is still found where it is, and each ten-digit phone, invoice,
 * customer, OCR, order or timestamp decoy swapped, one at a time, for digits that pass Luhn and the date check is
 * still not flagged.
 */
class PersonnummerPerturbationTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 29);
    static final Set<String> NUMBER_DECOYS = Set.of("phone_mobile", "phone_landline", "phone_luhn_date_valid",
            "invoice_number", "customer_number", "ocr", "order_number", "employee_number", "unix_timestamp",
            "unix_timestamp_luhn_date_valid");

    static List<JsonNode> corpus() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                PersonnummerPerturbationTest.class.getResourceAsStream("/corpus/pnr-dev.jsonl"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(Json.MAPPER.readTree(line));
                }
            }
        }
        return out;
    }

    static List<PersonnummerScanner.Hit> scan(JsonNode message, String field, String text) {
        boolean html = "body".equals(field) && "html".equals(message.get("format").asText());
        return PersonnummerScanner.scan(VisibleText.of(text, html), TODAY);
    }

    static String replace(String text, int start, int end, String with) {
        return text.substring(0, start) + with + text.substring(end);
    }

    @Test
    void every_identity_number_is_found_in_every_written_form() throws IOException {
        int tried = 0;
        List<String> missed = new ArrayList<>();
        for (JsonNode m : corpus()) {
            for (JsonNode e : m.get("expected")) {
                String twelve = e.get("normalized").asText();
                String ten = twelve.substring(2);
                boolean hundred = e.get("value").asText().contains("+");
                Map<String, String> forms = new LinkedHashMap<>();
                if (hundred) {
                    forms.put("10 with +", ten.substring(0, 6) + "+" + ten.substring(6));
                } else {
                    forms.put("10 bare", ten);
                    forms.put("10 dash", ten.substring(0, 6) + "-" + ten.substring(6));
                    forms.put("10 en dash", ten.substring(0, 6) + "\u2013" + ten.substring(6));
                    forms.put("10 space", ten.substring(0, 6) + " " + ten.substring(6));
                    forms.put("12 bare", twelve);
                    forms.put("12 dash", twelve.substring(0, 8) + "-" + twelve.substring(8));
                }
                String field = e.get("field").asText();
                int start = e.get("start").asInt();
                for (Map.Entry<String, String> form : forms.entrySet()) {
                    String text = replace(m.get(field).asText(), start, e.get("end").asInt(), form.getValue());
                    int end = start + form.getValue().length();
                    tried++;
                    if (scan(m, field, text).stream().noneMatch(h -> h.start() == start && h.end() == end)) {
                        missed.add(m.get("id").asText() + " " + form.getKey());
                    }
                }
            }
        }
        System.out.println("personnummer in every written form: " + (tried - missed.size()) + " of " + tried + " found");
        assertTrue(tried > 1500, "forms tried: " + tried);
        assertEquals(List.of(), missed);
    }

    @Test
    void ten_digit_decoys_that_happen_to_validate_are_still_read_by_their_context() throws IOException {
        int tried = 0;
        List<String> flagged = new ArrayList<>();
        for (JsonNode m : corpus()) {
            for (JsonNode d : m.get("decoys")) {
                String value = d.get("value").asText();
                if (!NUMBER_DECOYS.contains(d.get("category").asText()) || !value.matches("\\d{10}")) {
                    continue;
                }
                // same leading shape, digits that pass Luhn and the date check
                String valid = value.startsWith("07") ? "0702152380" : value.startsWith("0") ? "0411112386"
                        : value.startsWith("1") ? "1302272396" : "8501012382";
                String field = d.get("field").asText();
                int start = d.get("start").asInt();
                String text = replace(m.get(field).asText(), start, d.get("end").asInt(), valid);
                tried++;
                if (scan(m, field, text).stream().anyMatch(h -> h.start() == start)) {
                    flagged.add(m.get("id").asText() + " " + d.get("category").asText());
                }
            }
        }
        System.out.println("ten-digit decoys made valid: " + flagged.size() + " of " + tried + " flagged " + flagged);
        assertTrue(tried > 250, "decoys tried: " + tried);
        assertEquals(List.of(), flagged);
    }
}
