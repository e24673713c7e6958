package se.postvakt.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * All settings of one Postvakt instance, read once at start by {@link ConfigLoader}.
 * Secrets are redacted in {@link #toString()} so the record can be logged safely.
 */
public record AppConfig(
        int port,
        String bindAddress,
        String publicBaseUrl,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        String tenantId,
        String clientId,
        String clientSecret,
        Path clientCertificatePath,
        String authAudience,
        String authIssuer,
        String authJwksUrl,
        String entraAuthority,
        String graphBaseUrl,
        List<String> orgDomains,
        long maxRequestBytes,
        String logLevel,
        Path tlsKeystorePath,
        String tlsKeystorePassword,
        boolean authDevMode,
        Duration reconcileInterval,
        String clientCertificatePassword) {

    /** True when the app registration is known, so Entra ID tokens can be validated. */
    public boolean entraConfigured() {
        return !tenantId.isBlank() && !clientId.isBlank();
    }

    /** True when Postvakt has a credential of its own for Microsoft Graph. */
    public boolean graphConfigured() {
        return entraConfigured() && (!clientSecret.isBlank() || clientCertificatePath != null);
    }

    @Override
    public String toString() {
        return "AppConfig[port=" + port + ", bindAddress=" + bindAddress + ", publicBaseUrl=" + publicBaseUrl
                + ", databaseUrl=" + redactUrl(databaseUrl) + ", databaseUser=" + databaseUser
                + ", databasePassword=" + redact(databasePassword) + ", tenantId=" + tenantId
                + ", clientId=" + clientId + ", clientSecret=" + redact(clientSecret)
                + ", clientCertificatePath=" + clientCertificatePath + ", authAudience=" + authAudience
                + ", authIssuer=" + authIssuer + ", authJwksUrl=" + authJwksUrl + ", entraAuthority=" + entraAuthority
                + ", graphBaseUrl=" + graphBaseUrl + ", orgDomains=" + orgDomains + ", maxRequestBytes=" + maxRequestBytes
                + ", logLevel=" + logLevel + ", tlsKeystorePath=" + tlsKeystorePath
                + ", tlsKeystorePassword=" + redact(tlsKeystorePassword) + ", authDevMode=" + authDevMode
                + ", reconcileInterval=" + reconcileInterval
                + ", clientCertificatePassword=" + redact(clientCertificatePassword) + "]";
    }

    static String redact(String secret) {
        return secret == null || secret.isEmpty() ? "" : "***";
    }

    /** JDBC URLs may carry a password parameter; hide its value. */
    static String redactUrl(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
