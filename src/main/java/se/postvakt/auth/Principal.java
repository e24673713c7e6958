package se.postvakt.auth;

import java.util.Locale;
import java.util.Set;

/** The signed-in caller, taken from a validated access token. {@code roles} always contains {@link Role#STAFF}. */
public record Principal(String oid, String upn, String name, Set<Role> roles) {
    public Principal {
        upn = upn == null ? "" : upn.toLowerCase(Locale.ROOT);
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return has(Role.ADMIN);
    }

    public boolean isManager() {
        return has(Role.MANAGER);
    }
}
