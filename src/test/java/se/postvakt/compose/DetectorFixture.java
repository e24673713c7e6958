package se.postvakt.compose;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import se.postvakt.compose.ComposeRequest.Attachment;
import se.postvakt.compose.ComposeRequest.BodyFormat;
import se.postvakt.compose.ComposeRequest.Recipient;
import se.postvakt.compose.ComposeRequest.RecipientType;
import se.postvakt.policy.PolicyDocument;
import se.postvakt.policy.PolicySchema;

/** Runs one detector on a message under the default policy (own domain mjolby.se), or a policy with changes. */
final class DetectorFixture {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 29);

    private DetectorFixture() {
    }

    static ComposeSettings defaults() {
        return ComposeSettings.from(PolicyDocument.defaults(PolicySchema.standard(List.of("mjolby.se"))));
    }

    /** The default settings with one record component replaced, e.g. {@code with("publicRecord", Severity.OFF)}. */
    static ComposeSettings with(String component, Object value) {
        try {
            ComposeSettings d = defaults();
            var components = ComposeSettings.class.getRecordComponents();
            Object[] args = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                args[i] = components[i].getName().equals(component) ? value : components[i].getAccessor().invoke(d);
            }
            return ComposeSettings.class.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static ComposeRequest text(String subject, String body, String... to) {
        return new ComposeRequest(subject, body, BodyFormat.TEXT, null, recipients(RecipientType.USER, to), null, null, null, null);
    }

    static ComposeRequest html(String body, String... to) {
        return new ComposeRequest(null, body, BodyFormat.HTML, null, recipients(RecipientType.USER, to), null, null, null, null);
    }

    static ComposeRequest attachments(Attachment... list) {
        return new ComposeRequest(null, null, null, null, null, null, null, java.util.Arrays.asList(list), null);
    }

    static List<Recipient> recipients(RecipientType type, String... addresses) {
        List<Recipient> out = new ArrayList<>();
        for (String a : addresses) {
            out.add(new Recipient(a, null, type));
        }
        return out;
    }

    static List<Finding> run(Detector d, ComposeRequest r) {
        return run(d, r, defaults());
    }

    static List<Finding> run(Detector d, ComposeRequest r, ComposeSettings s) {
        List<Finding> out = new ArrayList<>();
        d.detect(new MessageView(r, "anna@mjolby.se", s, TODAY), s, out);
        return out;
    }
}
