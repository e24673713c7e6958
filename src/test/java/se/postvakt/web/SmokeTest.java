package se.postvakt.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import se.postvakt.support.TestServer;

class SmokeTest {
    @Test
    void policy_is_served_to_staff_with_a_valid_token() {
        try (TestServer s = new TestServer()) {
            var res = s.get("/api/v1/policy", s.keys.staff("anna@mjolby.se"));
            assertEquals(200, res.statusCode(), res.body());
            assertTrue(res.body().contains("\"warnBytes\":10485760"), res.body());
            assertEquals(401, s.get("/api/v1/policy", null).statusCode());
        }
    }
}
