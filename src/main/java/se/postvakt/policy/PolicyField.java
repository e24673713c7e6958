package se.postvakt.policy;

import java.util.List;

/**
 * One field of the policy document: its dotted path, its kind, its default and its labels for the admin editor.
 * {@code choices} is used by {@link FieldKind#CHOICE}; {@code maxLength} bounds texts and list items.
 */
public record PolicyField(String path, FieldKind kind, Object defaultValue, String labelSv, String labelEn,
                          List<String> choices, int maxLength) {
    public PolicyField {
        choices = List.copyOf(choices);
    }

    public String section() {
        return path.substring(0, path.indexOf('.'));
    }
}
