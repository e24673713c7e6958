package se.postvakt.graph;

/** One part of a bulk read: either a value or the typed error for that part alone. */
public record Outcome<T>(T value, GraphException error) {
    public static <T> Outcome<T> ok(T value) {
        return new Outcome<>(value, null);
    }

    public static <T> Outcome<T> failed(GraphException error) {
        return new Outcome<>(null, error);
    }

    public boolean isOk() {
        return error == null;
    }
}
