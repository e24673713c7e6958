package se.postvakt.graph;

import java.util.List;

/** One page of a paged listing; {@code nextPageToken} is null on the last page. */
public record Page<T>(List<T> items, String nextPageToken) {
    public Page {
        items = List.copyOf(items);
    }
}
