package se.postvakt.absence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.postvakt.web.ApiException;

class AbsenceServiceTest {
    static final String ANNA = "anna.svensson@mjolby.se";

    @Test
    void an_overlapping_absence_of_the_same_person_is_refused_with_409() {
        try (Fixture f = new Fixture()) {
            Instant start = f.clock.instant().plus(Duration.ofDays(1));
            f.register(ANNA, start, start.plus(Duration.ofDays(3)), null);
            ApiException e = assertThrows(ApiException.class,
                    () -> f.register(ANNA, start.plus(Duration.ofDays(2)), start.plus(Duration.ofDays(5)), null));
            assertEquals(409, e.status());
        }
    }

    @Test
    void an_ended_absence_cannot_be_changed_and_a_begun_one_cannot_start_later() {
        try (Fixture f = new Fixture()) {
            Instant start = f.clock.instant();
            AbsenceService.View v = f.register(ANNA, start, start.plus(Duration.ofDays(3)), null);
            ApiException later = assertThrows(ApiException.class, () -> f.service().update(Fixture.staff(ANNA), v.id(),
                    Fixture.json("{'start':'" + start.plus(Duration.ofDays(1)) + "'}")));
            assertEquals(400, later.status());
            assertEquals("start", later.errors().get(0).field());
            f.service().end(Fixture.staff(ANNA), v.id());
            ApiException over = assertThrows(ApiException.class, () -> f.service().update(Fixture.staff(ANNA), v.id(),
                    Fixture.json("{'reason':'x'}")));
            assertEquals(409, over.status());
        }
    }

    @Test
    void someone_elses_absence_is_not_found_rather_than_forbidden() {
        try (Fixture f = new Fixture()) {
            Instant start = f.clock.instant().plus(Duration.ofDays(1));
            AbsenceService.View v = f.register(ANNA, start, start.plus(Duration.ofDays(1)), null);
            ApiException e = assertThrows(ApiException.class,
                    () -> f.service().end(Fixture.staff("cecilia.ek@mjolby.se"), v.id()));
            assertEquals(404, e.status());
            assertEquals("ended", f.service().end(Fixture.manager("chef@mjolby.se"), v.id()).status(),
                    "Anna's manager may end it");
        }
    }

    @Test
    void plain_dates_are_read_in_the_organisations_time_zone_and_a_plain_end_date_means_the_end_of_that_day() {
        try (Fixture f = new Fixture()) {
            AbsenceService.View v = f.service().create(Fixture.staff(ANNA),
                    Fixture.json("{'start':'2026-12-01','end':'2026-12-03'}"));
            assertEquals("2026-12-01T00:00+01:00", v.start());
            assertEquals("2026-12-04T00:00+01:00", v.end());
        }
    }

    @ParameterizedTest
    @CsvSource({
        "2026-12-08T17:00:00+01:00, 2026-12-09",
        "2026-12-09T00:00:00+01:00, 2026-12-09",
        "2026-12-08T11:00:00+01:00, 2026-12-08",
        "2026-12-04T17:00:00+01:00, 2026-12-07",
        "2026-12-05T00:00:00+01:00, 2026-12-07",
    })
    void return_date_is_the_first_working_day_back(String end, String back) {
        assertEquals(LocalDate.parse(back), ReplyTexts.returnDate(java.time.OffsetDateTime.parse(end).toInstant(),
                ZoneId.of("Europe/Stockholm")));
    }

    @Test
    void without_a_functional_mailbox_the_sentence_pointing_to_it_is_left_out() {
        try (Fixture f = new Fixture()) {
            Instant start = f.clock.instant();
            f.register(ANNA, start, start.plus(Duration.ofDays(1)), null);
            f.pass();
            String ext = f.graph.repliesOf(ANNA).externalMessage();
            assertTrue(!ext.contains("Brådskande") && !ext.contains("Urgent") && ext.contains("tillbaka"), ext);
        }
    }
}
