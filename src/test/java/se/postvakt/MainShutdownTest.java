package se.postvakt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real {@link Main} in its own JVM, stopped with SIGTERM as a container runtime does: the request just served and
 * the shutdown hook's own line still reach standard output, although INFO lines are written in 50 ms batches.
 */
class MainShutdownTest {
    @Test
    void sigterm_stops_the_service_and_writes_the_last_log_lines() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName())
                .redirectErrorStream(true);
        pb.environment().put("AUTH_DEV_MODE", "true");
        pb.environment().put("BIND_ADDRESS", "127.0.0.1");
        pb.environment().put("PORT", Integer.toString(port));
        pb.environment().put("DATABASE_URL", "jdbc:h2:mem:shutdown;DB_CLOSE_DELAY=-1");
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (Exception ignored) {
                // the process ended
            }
        });
        reader.start();
        try {
            long started = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // the dev-mode token lines end start-up
            while (snapshot(lines).stream().noneMatch(l -> l.contains("try: curl")) && System.nanoTime() < started) {
                Thread.sleep(100);
            }
            Thread.sleep(300);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (health == null && System.nanoTime() < deadline) {
                try {
                    health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/manifest.xml"))
                            .build(), HttpResponse.BodyHandlers.ofString());
                } catch (java.io.IOException notYet) {
                    Thread.sleep(200);
                }
            }
            assertTrue(health != null && health.statusCode() == 200, "the service did not start: " + snapshot(lines));
            // SIGTERM; Process.destroy() would also close our end of the pipe the last lines come through
            p.toHandle().destroy();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the service did not stop on SIGTERM");
            reader.join(5_000);
            String out = String.join("\n", snapshot(lines));
            assertTrue(out.contains("GET /manifest.xml 200"), out);
            assertTrue(out.contains("Postvakt stopping"), out);
            // logged as the very last thing, milliseconds before the JVM exits: only stopping the log writes it
            assertTrue(out.contains("Postvakt stopped"), out);
        } finally {
            p.destroyForcibly();
        }
    }

    private static List<String> snapshot(List<String> lines) {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }
}
