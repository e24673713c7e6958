package se.postvakt.config;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads {@link AppConfig} from the environment plus an optional {@code .env} file; the real environment wins.
 * Every problem is collected and reported together in one {@link ConfigException}.
 */
public final class ConfigLoader {
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DOMAIN = Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

    private ConfigLoader() {
    }

    /** Loads from the process environment and {@code ./.env}. */
    public static AppConfig load() {
        return load(System.getenv(), Path.of(".env"));
    }

    /** Loads from the given environment and optional dotenv file (missing file is fine). */
    public static AppConfig load(Map<String, String> environment, Path dotenv) {
        Map<String, String> values = new HashMap<>(readDotenv(dotenv));
        environment.forEach((k, v) -> {
            if (v != null) {
                values.put(k, v);
            }
        });
        return new Reader(values).read();
    }

    /** Parses KEY=VALUE lines; blank lines and # comments are skipped; surrounding quotes are removed. */
    static Map<String, String> readDotenv(Path file) {
        Map<String, String> out = new HashMap<>();
        if (file == null || !Files.isRegularFile(file)) {
            return out;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(List.of("cannot read " + file + ": " + e.getMessage()));
        }
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring(7).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            out.put(key, value);
        }
        return out;
    }

    private static final class Reader {
        private final Map<String, String> values;
        private final List<String> problems = new ArrayList<>();

        Reader(Map<String, String> values) {
            this.values = values;
        }

        String str(String name, String def) {
            String v = values.get(name);
            return v == null || v.isBlank() ? def : v.strip();
        }

        int integer(String name, int def, int min, int max) {
            String v = str(name, null);
            if (v == null) {
                return def;
            }
            try {
                int n = Integer.parseInt(v);
                if (n < min || n > max) {
                    problems.add(name + " must be between " + min + " and " + max + " (got " + n + ")");
                }
                return n;
            } catch (NumberFormatException e) {
                problems.add(name + " must be a whole number (got '" + v + "')");
                return def;
            }
        }

        long longValue(String name, long def, long min) {
            String v = str(name, null);
            if (v == null) {
                return def;
            }
            try {
                long n = Long.parseLong(v);
                if (n < min) {
                    problems.add(name + " must be at least " + min + " (got " + n + ")");
                }
                return n;
            } catch (NumberFormatException e) {
                problems.add(name + " must be a whole number of bytes (got '" + v + "')");
                return def;
            }
        }

        boolean bool(String name, boolean def) {
            String v = str(name, null);
            if (v == null) {
                return def;
            }
            switch (v.toLowerCase(Locale.ROOT)) {
                case "true", "1", "yes", "on" -> {
                    return true;
                }
                case "false", "0", "no", "off" -> {
                    return false;
                }
                default -> {
                    problems.add(name + " must be true or false (got '" + v + "')");
                    return def;
                }
            }
        }

        String url(String name, String def, boolean httpsOnly) {
            String v = str(name, def);
            if (v == null || v.isBlank()) {
                return "";
            }
            try {
                URI uri = new URI(v);
                String scheme = uri.getScheme();
                if (scheme == null || uri.getHost() == null || !(scheme.equals("https") || !httpsOnly && scheme.equals("http"))) {
                    problems.add(name + " must be an " + (httpsOnly ? "https" : "http(s)") + " URL (got '" + v + "')");
                }
            } catch (Exception e) {
                problems.add(name + " is not a valid URL (got '" + v + "')");
            }
            return v;
        }

        Duration duration(String name, Duration def) {
            String v = str(name, null);
            if (v == null) {
                return def;
            }
            try {
                Duration d;
                if (v.matches("\\d+")) {
                    d = Duration.ofSeconds(Long.parseLong(v));
                } else if (v.matches("\\d+[smhd]")) {
                    long n = Long.parseLong(v.substring(0, v.length() - 1));
                    d = switch (v.charAt(v.length() - 1)) {
                        case 's' -> Duration.ofSeconds(n);
                        case 'm' -> Duration.ofMinutes(n);
                        case 'h' -> Duration.ofHours(n);
                        default -> Duration.ofDays(n);
                    };
                } else {
                    d = Duration.parse(v);
                }
                if (d.isNegative() || d.isZero()) {
                    problems.add(name + " must be positive (got '" + v + "')");
                    return def;
                }
                return d;
            } catch (DateTimeParseException | NumberFormatException e) {
                problems.add(name + " must be a duration such as 300, 5m or PT5M (got '" + v + "')");
                return def;
            }
        }

        AppConfig read() {
            int port = integer("PORT", 8080, 0, 65535);
            String bind = str("BIND_ADDRESS", "0.0.0.0");
            String publicBase = url("PUBLIC_BASE_URL", "http://localhost:" + port, false);
            if (publicBase.endsWith("/")) {
                publicBase = publicBase.substring(0, publicBase.length() - 1);
            }
            String dbUrl = str("DATABASE_URL", "jdbc:h2:file:./data/postvakt");
            if (!dbUrl.startsWith("jdbc:h2:") && !dbUrl.startsWith("jdbc:postgresql:")) {
                problems.add("DATABASE_URL must be a jdbc:h2: or jdbc:postgresql: URL (got '" + AppConfig.redactUrl(dbUrl) + "')");
            }
            String tenant = str("ENTRA_TENANT_ID", "");
            String client = str("ENTRA_CLIENT_ID", "");
            if (!tenant.isEmpty() && !GUID.matcher(tenant).matches()) {
                problems.add("ENTRA_TENANT_ID must be a GUID (got '" + tenant + "')");
            }
            if (!client.isEmpty() && !GUID.matcher(client).matches()) {
                problems.add("ENTRA_CLIENT_ID must be a GUID (got '" + client + "')");
            }
            String secret = str("ENTRA_CLIENT_SECRET", "");
            String certPath = str("ENTRA_CLIENT_CERTIFICATE_PATH", "");
            Path cert = certPath.isEmpty() ? null : Path.of(certPath);
            if (cert != null && !Files.isReadable(cert)) {
                problems.add("ENTRA_CLIENT_CERTIFICATE_PATH points at a file that cannot be read: " + certPath);
            }
            if ((!secret.isEmpty() || cert != null) && (tenant.isEmpty() || client.isEmpty())) {
                problems.add("ENTRA_CLIENT_SECRET/ENTRA_CLIENT_CERTIFICATE_PATH need ENTRA_TENANT_ID and ENTRA_CLIENT_ID too");
            }
            boolean devMode = bool("AUTH_DEV_MODE", false);
            String audience = str("AUTH_AUDIENCE", client.isEmpty() ? "" : "api://" + client);
            String issuer = url("AUTH_ISSUER", tenant.isEmpty() ? "" : "https://login.microsoftonline.com/" + tenant + "/v2.0", false);
            String jwks = url("AUTH_JWKS_URL", tenant.isEmpty() ? "" : "https://login.microsoftonline.com/" + tenant + "/discovery/v2.0/keys", false);
            String authority = url("ENTRA_AUTHORITY", tenant.isEmpty() ? "" : "https://login.microsoftonline.com/" + tenant + "/", true);
            String graphBase = url("GRAPH_BASE_URL", "https://graph.microsoft.com/v1.0", false);
            if (!graphBase.isEmpty() && !(graphBase.endsWith("/v1.0") || graphBase.endsWith("/beta"))) {
                problems.add("GRAPH_BASE_URL must end in /v1.0 or /beta (got '" + graphBase + "')");
            }
            List<String> domains = Arrays.stream(str("ORG_DOMAINS", "").split(","))
                    .map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
            for (String d : domains) {
                if (!DOMAIN.matcher(d).matches()) {
                    problems.add("ORG_DOMAINS has a malformed domain: '" + d + "'");
                }
            }
            long maxBytes = longValue("MAX_REQUEST_BYTES", 33_554_432L, 1024);
            String level = str("LOG_LEVEL", "INFO").toUpperCase(Locale.ROOT);
            if (!List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF").contains(level)) {
                problems.add("LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF (got '" + level + "')");
            }
            String ksPath = str("TLS_KEYSTORE_PATH", "");
            Path keystore = ksPath.isEmpty() ? null : Path.of(ksPath);
            String ksPassword = str("TLS_KEYSTORE_PASSWORD", "");
            if (keystore != null && !Files.isReadable(keystore)) {
                problems.add("TLS_KEYSTORE_PATH points at a file that cannot be read: " + ksPath);
            }
            if (devMode && !isLoopback(bind)) {
                problems.add("AUTH_DEV_MODE=true is only allowed with a loopback BIND_ADDRESS such as 127.0.0.1 (got '" + bind + "')");
            }
            Duration reconcile = duration("RECONCILE_INTERVAL", Duration.ofMinutes(5));
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            return new AppConfig(port, bind, publicBase, dbUrl, str("DATABASE_USER", ""), str("DATABASE_PASSWORD", ""),
                    tenant, client, secret, cert, audience, issuer, jwks, authority, graphBase, domains, maxBytes, level,
                    keystore, ksPassword, devMode, reconcile, str("ENTRA_CLIENT_CERTIFICATE_PASSWORD", ""));
        }
    }

    /** Loopback means 127.0.0.0/8, ::1 or localhost; checked without DNS. */
    public static boolean isLoopback(String address) {
        String a = address.strip().toLowerCase(Locale.ROOT);
        return a.equals("localhost") || a.startsWith("127.") || a.equals("::1") || a.equals("[::1]")
                || a.equals("0:0:0:0:0:0:0:1");
    }
}
