package se.postvakt.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Map;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.postvakt.support.TestServer;

/** With a keystore configured, Postvakt serves HTTPS itself (Outlook loads add-ins only over https). */
class TlsTest {
    @TempDir
    Path dir;

    @Test
    void a_keystore_makes_the_server_speak_https() throws Exception {
        HeldCertificate cert = new HeldCertificate.Builder().addSubjectAlternativeName("localhost")
                .addSubjectAlternativeName("127.0.0.1").commonName("localhost").build();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("postvakt", cert.keyPair().getPrivate(), "changeit".toCharArray(),
                new Certificate[] {cert.certificate()});
        Path file = dir.resolve("postvakt.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, "changeit".toCharArray());
        }
        try (TestServer s = new TestServer(Map.of("TLS_KEYSTORE_PATH", file.toString(), "TLS_KEYSTORE_PASSWORD", "changeit"))) {
            HandshakeCertificates trust = new HandshakeCertificates.Builder().addTrustedCertificate(cert.certificate()).build();
            HttpClient https = HttpClient.newBuilder().sslContext(trust.sslContext()).build();
            HttpResponse<String> res = https.send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + s.postvakt().port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, res.statusCode());
        }
    }
}
