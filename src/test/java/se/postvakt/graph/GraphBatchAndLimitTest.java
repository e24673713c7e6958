package se.postvakt.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.postvakt.support.FakeGraphServer;

/** Bulk reads through $batch with failures inside a batch, and the per-mailbox limit, against the faked Graph. */
class GraphBatchAndLimitTest {
    private final FakeGraphServer fake = new FakeGraphServer();

    @AfterEach
    void close() {
        fake.close();
    }

    private List<String> staff(int n) {
        List<String> users = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String upn = "user" + i + "@mjolby.se";
            fake.addUser(upn, "User " + i);
            users.add(upn);
        }
        return users;
    }

    private long batches() {
        return fake.requests().stream().filter(r -> r.getUrl().encodedPath().endsWith("/$batch")).count();
    }

    @Test
    void auto_replies_of_many_mailboxes_come_in_batches_of_twenty_with_one_failed_part() {
        List<String> users = staff(22);
        fake.fail("user3@mjolby.se", 404, 1);
        Map<String, Outcome<AutoReplies>> out = fake.gateway().autoRepliesOf(users);
        assertEquals(22, out.size());
        assertEquals(GraphException.Kind.NOT_FOUND, out.get("user3@mjolby.se").error().kind());
        assertEquals(21, out.values().stream().filter(Outcome::isOk).count());
        assertEquals(AutoReplies.Status.DISABLED, out.get("user1@mjolby.se").value().status());
        assertEquals(2, batches());
    }

    @Test
    void a_forbidden_part_names_the_permission_and_a_throttled_part_is_sent_again() {
        List<String> users = staff(5);
        fake.fail("user2@mjolby.se", 403, 1);
        fake.fail("user4@mjolby.se", 429, 1).retryAfter("user4@mjolby.se", 0);
        Map<String, Outcome<List<InboxRule>>> out = fake.gateway().inboxRulesOf(users);
        GraphException forbidden = out.get("user2@mjolby.se").error();
        assertEquals(GraphException.Kind.FORBIDDEN, forbidden.kind());
        assertEquals("MailboxSettings.ReadWrite", forbidden.permission());
        assertTrue(out.get("user4@mjolby.se").isOk(), "throttled part retried: " + out.get("user4@mjolby.se"));
        assertEquals(List.of(), out.get("user4@mjolby.se").value());
        assertEquals(2, batches());
    }

    @Test
    void a_part_throttled_past_the_retries_fails_alone_as_throttled() {
        List<String> users = staff(3);
        fake.fail("user1@mjolby.se", 429, 10).retryAfter("user1@mjolby.se", 0);
        Map<String, Outcome<AutoReplies>> out = fake.gateway().autoRepliesOf(users);
        assertEquals(GraphException.Kind.THROTTLED, out.get("user1@mjolby.se").error().kind());
        assertTrue(out.get("user2@mjolby.se").isOk());
        assertTrue(out.get("user3@mjolby.se").isOk());
    }

    @Test
    void no_more_than_four_requests_are_in_flight_for_one_mailbox() throws Exception {
        staff(1);
        fake.latency(Duration.ofMillis(150));
        GraphGateway graph = fake.gateway();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<AutoReplies>> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                calls.add(pool.submit(() -> graph.autoReplies("user1@mjolby.se")));
            }
            for (Future<AutoReplies> f : calls) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        int max = fake.maxInFlight("user1@mjolby.se");
        assertTrue(max <= 4, "saw " + max + " concurrent requests to one mailbox");
        assertTrue(max >= 2, "the limit should still allow parallel requests, saw " + max);
    }

    @Test
    void batches_count_against_the_limit_of_every_mailbox_they_read() throws Exception {
        List<String> users = staff(3);
        fake.latency(Duration.ofMillis(100));
        GraphGateway graph = fake.gateway();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                calls.add(pool.submit(() -> graph.autoRepliesOf(users)));
                calls.add(pool.submit(() -> graph.inboxRules("user2@mjolby.se")));
            }
            for (Future<?> f : calls) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(fake.maxInFlight("user2@mjolby.se") <= 4, "saw " + fake.maxInFlight("user2@mjolby.se"));
    }

    @Test
    void the_mailbox_of_a_request_is_its_users_segment() {
        assertEquals("anna@mjolby.se", MailboxLimiter.mailboxOf(List.of("v1.0", "users", "Anna@Mjolby.se", "sendMail")));
        assertEquals(null, MailboxLimiter.mailboxOf(List.of("v1.0", "users")));
        assertEquals(null, MailboxLimiter.mailboxOf(List.of("v1.0", "$batch")));
    }
}
