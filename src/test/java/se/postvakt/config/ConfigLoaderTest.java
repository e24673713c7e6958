package se.postvakt.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    static final String TENANT = "11111111-2222-4333-8444-555555555555";
    static final String CLIENT = "66666666-7777-4888-9999-000000000000";

    @TempDir
    Path dir;

    @Test
    void no_settings_give_the_embedded_defaults() {
        AppConfig c = ConfigLoader.load(Map.of(), null);
        assertEquals(8080, c.port());
        assertEquals("0.0.0.0", c.bindAddress());
        assertEquals("http://localhost:8080", c.publicBaseUrl());
        assertEquals("jdbc:h2:file:./data/postvakt", c.databaseUrl());
        assertEquals("https://graph.microsoft.com/v1.0", c.graphBaseUrl());
        assertEquals(33_554_432L, c.maxRequestBytes());
        assertEquals(Duration.ofMinutes(5), c.reconcileInterval());
        assertFalse(c.entraConfigured());
        assertFalse(c.graphConfigured());
        assertFalse(c.authDevMode());
    }

    @Test
    void derived_defaults_follow_the_tenant_and_client() {
        AppConfig c = ConfigLoader.load(Map.of("ENTRA_TENANT_ID", TENANT, "ENTRA_CLIENT_ID", CLIENT, "PORT", "9090"), null);
        assertEquals("api://" + CLIENT, c.authAudience());
        assertEquals("https://login.microsoftonline.com/" + TENANT + "/v2.0", c.authIssuer());
        assertEquals("https://login.microsoftonline.com/" + TENANT + "/discovery/v2.0/keys", c.authJwksUrl());
        assertEquals("https://login.microsoftonline.com/" + TENANT + "/", c.entraAuthority());
        assertEquals("http://localhost:9090", c.publicBaseUrl());
        assertTrue(c.entraConfigured());
        assertFalse(c.graphConfigured());
    }

    @Test
    void missing_and_invalid_values_are_all_listed_together() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(
                "PORT", "eighty", "ENTRA_TENANT_ID", "not-a-guid", "MAX_REQUEST_BYTES", "-5",
                "DATABASE_URL", "jdbc:mysql://x/y", "GRAPH_BASE_URL", "https://graph.microsoft.com/v2",
                "ORG_DOMAINS", "mjolby.se, bad domain", "LOG_LEVEL", "LOUD", "ENTRA_CLIENT_SECRET", "s3cret",
                "RECONCILE_INTERVAL", "often"), null));
        List<String> p = e.problems();
        assertEquals(9, p.size(), String.join("\n", p));
        for (String name : List.of("PORT", "ENTRA_TENANT_ID", "MAX_REQUEST_BYTES", "DATABASE_URL", "GRAPH_BASE_URL",
                "ORG_DOMAINS", "LOG_LEVEL", "ENTRA_CLIENT_SECRET", "RECONCILE_INTERVAL")) {
            assertTrue(e.getMessage().contains(name), name + " missing from: " + e.getMessage());
        }
        assertFalse(e.getMessage().contains("s3cret"), "a secret must never be printed");
    }

    @Test
    void dotenv_is_read_and_the_environment_wins() throws IOException {
        Path env = dir.resolve(".env");
        Files.writeString(env, """
                # comment
                PORT=9001
                export LOG_LEVEL=debug
                ORG_DOMAINS="mjolby.se,boxholm.se"
                BIND_ADDRESS=127.0.0.1
                """);
        AppConfig c = ConfigLoader.load(Map.of("PORT", "9002"), env);
        assertEquals(9002, c.port());
        assertEquals("DEBUG", c.logLevel());
        assertEquals(List.of("mjolby.se", "boxholm.se"), c.orgDomains());
        assertEquals("127.0.0.1", c.bindAddress());
    }

    @Test
    void a_missing_dotenv_file_is_fine() {
        assertEquals(8080, ConfigLoader.load(Map.of(), dir.resolve("nope.env")).port());
    }

    @Test
    void secrets_are_redacted_in_to_string() {
        AppConfig c = ConfigLoader.load(Map.of("ENTRA_TENANT_ID", TENANT, "ENTRA_CLIENT_ID", CLIENT,
                "ENTRA_CLIENT_SECRET", "very-secret-value", "DATABASE_PASSWORD", "db-pass-123",
                "DATABASE_URL", "jdbc:postgresql://h/db?user=x&password=url-pass-9", "TLS_KEYSTORE_PASSWORD", "tls-pass-7",
                "ENTRA_CLIENT_CERTIFICATE_PASSWORD", "pfx-pass-5"), null);
        String s = c.toString();
        for (String secret : List.of("very-secret-value", "db-pass-123", "url-pass-9", "tls-pass-7", "pfx-pass-5")) {
            assertFalse(s.contains(secret), secret + " leaked: " + s);
        }
        assertTrue(s.contains("clientSecret=***"));
        assertTrue(c.graphConfigured());
    }

    @Test
    void dev_mode_refuses_a_non_loopback_bind() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(Map.of("AUTH_DEV_MODE", "true"), null));
        assertTrue(e.getMessage().contains("AUTH_DEV_MODE"), e.getMessage());
        assertTrue(ConfigLoader.load(Map.of("AUTH_DEV_MODE", "true", "BIND_ADDRESS", "127.0.0.1"), null).authDevMode());
        assertTrue(ConfigLoader.load(Map.of("AUTH_DEV_MODE", "true", "BIND_ADDRESS", "::1"), null).authDevMode());
    }

    @Test
    void durations_accept_seconds_units_and_iso() {
        assertEquals(Duration.ofSeconds(90), ConfigLoader.load(Map.of("RECONCILE_INTERVAL", "90"), null).reconcileInterval());
        assertEquals(Duration.ofHours(1), ConfigLoader.load(Map.of("RECONCILE_INTERVAL", "1h"), null).reconcileInterval());
        assertEquals(Duration.ofMinutes(2), ConfigLoader.load(Map.of("RECONCILE_INTERVAL", "PT2M"), null).reconcileInterval());
        assertNull(ConfigLoader.load(Map.of(), null).tlsKeystorePath());
    }
}
