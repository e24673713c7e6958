package se.postvakt.compose;

import java.util.Collection;
import java.util.Map;

/**
 * Member counts of group addresses (distribution lists, Microsoft 365 groups, dynamic lists). The Graph-backed
 * implementation uses mail tips; an address missing from the answer has an unknown size.
 */
public interface GroupSizeLookup {
    /** Known sizes keyed by lower-cased address, as seen by {@code sender}; must answer fast (it is on the send path). */
    Map<String, Integer> sizes(String sender, Collection<String> groupAddresses);

    /** For a server without Graph: no size is known. */
    GroupSizeLookup UNKNOWN = (sender, addresses) -> Map.of();
}
