package se.postvakt.sender;

import java.util.List;

/**
 * The organisation's staff names and addresses, for spotting an outsider using a colleague's name. The Graph-backed
 * implementation keeps a cached list refreshed in the background; {@link #version()} changes when the list does, so
 * callers can rebuild their indexes only then.
 */
public interface StaffDirectory {
    List<Person> people();

    long version();

    /** One member of staff. */
    record Person(String name, String address) {
    }

    /** A fixed list (configuration, tests, or no Graph). */
    static StaffDirectory of(List<Person> people) {
        List<Person> copy = List.copyOf(people);
        return new StaffDirectory() {
            @Override
            public List<Person> people() {
                return copy;
            }

            @Override
            public long version() {
                return 1;
            }
        };
    }
}
