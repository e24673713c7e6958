package se.postvakt.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import se.postvakt.support.TestServer;

/** Nothing of a checked message (subject, body, numbers, attachment names) reaches the logs or an error answer. */
class ComposePrivacyTest {
    static final String PNR = "850101-2382";
    static final String SUBJECT = "Hemligt ämne om Saga Ström";
    static final String ATTACHMENT = "utredning-saga.pdf";

    @Test
    void nothing_of_the_message_reaches_the_logs() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext(ctx);
        captured.start();
        root.addAppender(captured);
        try (TestServer s = new TestServer()) {
            String token = s.keys.staff("anna@mjolby.se");
            String json = "{\"subject\":\"" + SUBJECT + "\",\"body\":\"<p>Pnr " + PNR + "</p>\",\"bodyFormat\":\"html\","
                    + "\"to\":[{\"address\":\"x@gmail.com\"}],\"attachments\":[{\"name\":\"" + ATTACHMENT + "\",\"size\":99999999}]}";
            HttpResponse<String> ok = s.post("/api/v1/compose/check", json, token);
            assertEquals(200, ok.statusCode(), ok.body());
            assertFalse(ok.body().contains(PNR) || ok.body().contains(SUBJECT) || ok.body().contains(ATTACHMENT), ok.body());
            String[] bad = {
                json.replace("\"size\":99999999", "\"size\":\"" + PNR + "\""),
                json.replace("\"bodyFormat\":\"html\"", "\"bodyFormat\":\"" + PNR + "\""),
                json.substring(0, json.length() - 5),
                json.replace("\"subject\":", "\"subject\":[\"" + SUBJECT + "\"],\"x\":"),
            };
            for (String b : bad) {
                HttpResponse<String> res = s.post("/api/v1/compose/check", b, token);
                assertEquals(400, res.statusCode(), res.body());
                assertFalse(res.body().contains(PNR) || res.body().contains(SUBJECT), res.body());
            }
        } finally {
            root.detachAppender(captured);
        }
        assertTrue(captured.list.size() > 0, "the request log was captured");
        for (ILoggingEvent e : captured.list) {
            String text = e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()));
            for (String secret : new String[] {PNR, "8501012382", SUBJECT, "Saga", ATTACHMENT}) {
                assertFalse(text.contains(secret), "log line leaks message content: " + text);
            }
        }
    }
}
