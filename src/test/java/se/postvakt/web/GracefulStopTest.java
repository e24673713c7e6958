package se.postvakt.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import se.postvakt.App;
import se.postvakt.auth.AccessCheck;
import se.postvakt.auth.TokenValidator;
import se.postvakt.config.ConfigLoader;

/** Stopping the server (as on SIGTERM) lets a request in flight finish. */
class GracefulStopTest {
    @Test
    void a_request_in_flight_finishes_when_the_server_stops() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        ApiModule slow = routes -> routes.get("/slow", ctx -> {
            inside.countDown();
            Thread.sleep(800);
            ctx.result("done");
        });
        var config = ConfigLoader.load(Map.of("BIND_ADDRESS", "127.0.0.1", "PORT", "0"), null);
        Javalin app = App.create(config, new AccessCheck(TokenValidator.refusingAll(Clock.systemUTC())),
                new RequestLog(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()), List.of(slow));
        app.start("127.0.0.1", 0);
        CompletableFuture<HttpResponse<String>> res = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/slow")).build(),
                HttpResponse.BodyHandlers.ofString());
        inside.await(5, TimeUnit.SECONDS);
        app.stop();
        HttpResponse<String> done = res.get(5, TimeUnit.SECONDS);
        assertEquals(200, done.statusCode());
        assertEquals("done", done.body());
    }
}
