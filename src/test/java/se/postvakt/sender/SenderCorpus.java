package se.postvakt.sender;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import se.postvakt.policy.PolicyDocument;
import se.postvakt.policy.PolicySchema;
import se.postvakt.web.Json;

/** The labelled sender corpus and its staff directory, vendored under src/test/resources/sender. */
public final class SenderCorpus {
    private SenderCorpus() {
    }

    /** One labelled sender. */
    public record Sample(String id, String address, String name, List<String> replyTo, String headers,
                        boolean suspicious, String category) {
        public SenderInput input() {
            return SenderInput.of(address, name, replyTo, headers);
        }
    }

    public static List<Sample> samples() {
        List<Sample> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(open("sender/sender-dev.jsonl"), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = Json.MAPPER.readTree(line);
                StringBuilder headers = new StringBuilder();
                JsonNode h = n.get("headers");
                if (h != null && h.isObject()) {
                    for (Map.Entry<String, JsonNode> e : h.properties()) {
                        headers.append(e.getKey()).append(": ").append(e.getValue().asText()).append("\r\n");
                    }
                }
                List<String> replyTo = n.hasNonNull("reply_to") ? List.of(n.get("reply_to").asText()) : List.of();
                out.add(new Sample(n.get("id").asText(), n.get("from_address").asText(), n.path("from_name").asText(""),
                        replyTo, headers.toString(), n.get("expected").asText().equals("suspicious"),
                        n.path("category").asText("")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Rules as the evaluation configures them: own domain, trusted partners and staff from the directory file. */
    public static SenderRules rules() {
        try (InputStream in = open("sender/staff-directory.json")) {
            JsonNode d = Json.MAPPER.readTree(in);
            List<String> trusted = new ArrayList<>();
            d.get("trusted_partner_domains").forEach(t -> trusted.add(t.asText()));
            List<StaffDirectory.Person> staff = new ArrayList<>();
            d.get("staff").forEach(p -> staff.add(new StaffDirectory.Person(p.get("name").asText(), p.get("address").asText())));
            PolicyDocument defaults = PolicyDocument.defaults(PolicySchema.standard(List.of(d.get("own_domain").asText())));
            return SenderRules.of(List.of(d.get("own_domain").asText()), trusted, List.of(),
                    defaults.getList("sender.roleNames"), defaults.getList("sender.freemailDomains"), staff);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String name) {
        InputStream in = SenderCorpus.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + name);
        }
        return in;
    }
}
