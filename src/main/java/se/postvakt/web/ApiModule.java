package se.postvakt.web;

import io.javalin.config.RoutesConfig;

/**
 * A feature's HTTP routes. Each feature package has one; the app factory registers them all. Every route under
 * {@code /api} declares the roles it needs.
 */
public interface ApiModule {
    void register(RoutesConfig routes);
}
