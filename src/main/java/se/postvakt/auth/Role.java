package se.postvakt.auth;

import io.javalin.security.RouteRole;

/**
 * What a route requires. {@link #STAFF} is any valid token of this tenant; the others come from the token's
 * {@code roles} claim (the app roles {@code Postvakt.Manager} and {@code Postvakt.Admin}).
 */
public enum Role implements RouteRole {
    STAFF(null),
    MANAGER("Postvakt.Manager"),
    ADMIN("Postvakt.Admin");

    private final String appRole;

    Role(String appRole) {
        this.appRole = appRole;
    }

    /** The Entra ID app role value, or null for plain staff. */
    public String appRole() {
        return appRole;
    }
}
