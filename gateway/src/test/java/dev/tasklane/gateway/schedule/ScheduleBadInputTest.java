package dev.tasklane.gateway.schedule;

import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Await;
import dev.tasklane.gateway.support.Tokens;
import dev.tasklane.store.schedule.ScheduleRepository;
import dev.tasklane.store.task.TaskRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every faulty schedule request is a 4xx problem that says what to change, and changes nothing. */
@MicronautTest(transactional = false)
class ScheduleBadInputTest extends ApiWithReceiverTest {

    private static final String RUN = "\"taskType\":\"webhook-delivery\",\"payload\":{\"url\":\"http://127.0.0.1:1/x\"}";

    @Inject
    ScheduleRepository schedules;

    @Inject
    TaskRepository tasks;

    private long schedulesBefore;
    private long tasksBefore;

    @BeforeEach
    void count() {
        // the platform's own schedules are created after start; counting before they exist would race them
        for (String builtIn : List.of(DefaultSchedules.CLEANUP, DefaultSchedules.ANALYTICS)) {
            Await.until("the default schedule " + builtIn, Duration.ofSeconds(30),
                    () -> schedules.findByTenantAndName(Tokens.TENANT, builtIn), Optional::isPresent);
        }
        if (schedules.findByTenantAndName(Tokens.TENANT, "kept").isEmpty()) {
            assertEquals(201, api.post("/api/schedules", "{\"name\":\"kept\",\"cron\":\"daily\"," + RUN + "}").status());
        }
        schedulesBefore = schedules.count();
        tasksBefore = tasks.count();
    }

    @AfterEach
    void nothingWasWritten() {
        assertEquals(schedulesBefore, schedules.count(), "a refused request must not add or remove a schedule");
        assertEquals(tasksBefore, tasks.count(), "a refused request must not leave a task");
        assertEquals("0 0 * * *", api.get("/api/schedules/kept").field("cron"), "the kept schedule is unchanged");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            cron out of range      | {"name":"a","cron":"61 * * * *",RUN}                         | cron
            cron with six fields   | {"name":"a","cron":"0 0 9 * * *",RUN}                        | cron
            cron of words          | {"name":"a","cron":"every day",RUN}                          | cron
            cron missing           | {"name":"a",RUN}                                             | cron
            cron of wrong kind     | {"name":"a","cron":5,RUN}                                    | cron
            unknown zone           | {"name":"a","cron":"daily","timezone":"Mars/Olympus",RUN}     | timezone
            offset for a zone      | {"name":"a","cron":"daily","timezone":"+25:00",RUN}           | timezone
            name missing           | {"cron":"daily",RUN}                                         | name
            name with a slash      | {"name":"a/b","cron":"daily",RUN}                            | name
            name too long          | {"name":"NAME101","cron":"daily",RUN}                        | name
            taken name             | {"name":"kept","cron":"daily",RUN}                           | -
            task type missing      | {"name":"a","cron":"daily"}                                  | taskType
            unknown task type      | {"name":"a","cron":"daily","taskType":"mine"}                | taskType
            payload faulty         | {"name":"a","cron":"daily","taskType":"webhook-delivery","payload":{}} | payload.url
            forbidden destination  | {"name":"a","cron":"daily","taskType":"webhook-delivery","payload":{"url":"http://169.254.169.254/"}} | payload.url
            bad priority           | {"name":"a","cron":"daily","priority":"SOON",RUN}            | priority
            bad retry              | {"name":"a","cron":"daily","retry":{"maxAttempts":0},RUN}     | retry.maxAttempts
            enabled of wrong kind  | {"name":"a","cron":"daily","enabled":"yes",RUN}              | enabled
            runAt has no place     | {"name":"a","cron":"daily","runAt":"2030-01-01T00:00:00Z",RUN} | runAt
            unknown field          | {"name":"a","cron":"daily","timeZone":"UTC",RUN}             | timeZone
            unknown overlap policy | {"name":"a","cron":"daily","overlapPolicy":"QUEUE",RUN}      | overlapPolicy
            overlap of wrong kind  | {"name":"a","cron":"daily","overlapPolicy":1,RUN}            | overlapPolicy
            catch-up too short     | {"name":"a","cron":"daily","catchupWindowSeconds":5,RUN}     | catchupWindowSeconds
            catch-up too long      | {"name":"a","cron":"daily","catchupWindowSeconds":99999999999,RUN} | catchupWindowSeconds
            catch-up of words      | {"name":"a","cron":"daily","catchupWindowSeconds":"1d",RUN}  | catchupWindowSeconds
            not an object          | []                                                           | body
            """)
    void aFaultyScheduleIsRefusedNamingTheField(String name, String body, String field) {
        Api.Response refused = api.post("/api/schedules", body.replace("RUN", RUN).replace("NAME101", "n".repeat(101)));
        if (field.equals("-")) {
            assertEquals(409, refused.status(), refused.text());
            assertTrue(refused.text().contains("PUT /api/schedules/kept"), refused.text());
            return;
        }
        assertRefused(refused, 400, field, name);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            from missing           | {"to":"2026-01-01T00:00:00Z"}                                | from
            to missing             | {"from":"2026-01-01T00:00:00Z"}                              | to
            from not an instant    | {"from":"yesterday","to":"2026-01-01T00:00:00Z"}             | from
            from of wrong kind     | {"from":5,"to":"2026-01-01T00:00:00Z"}                       | from
            to before from         | {"from":"2026-01-02T00:00:00Z","to":"2026-01-01T00:00:00Z"}  | to
            to in the future       | {"from":"2026-01-01T00:00:00Z","to":"2999-01-01T00:00:00Z"}  | to
            no fire time in range  | {"from":"2026-01-01T00:01:00Z","to":"2026-01-01T00:02:00Z"}  | from
            too many fire times    | {"from":"2020-01-01T00:00:00Z","to":"2026-01-01T00:00:00Z"}  | to
            unknown field          | {"start":"2026-01-01T00:00:00Z","to":"2026-01-02T00:00:00Z"} | start
            not an object          | []                                                           | body
            """)
    void aFaultyBackfillIsRefusedNamingTheField(String name, String body, String field) {
        assertRefused(api.post("/api/schedules/kept/backfill", body), 400, field, name);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            note too long          | {"note":"NOTE501"}                                           | note
            note of wrong kind     | {"note":5}                                                   | note
            unknown field          | {"reason":"upgrade"}                                         | reason
            """)
    void aFaultyPauseIsRefusedNamingTheFieldAndLeavesTheScheduleRunning(String name, String body, String field) {
        assertRefused(api.post("/api/schedules/kept/pause", body.replace("NOTE501", "n".repeat(501))), 400, field, name);
        assertTrue(api.get("/api/schedules/kept").json().get("enabled").getBooleanValue());
    }

    @Test
    void aCronThatNeverFiresIsRefusedSayingSo() {
        Api.Response refused = api.post("/api/schedules", "{\"name\":\"a\",\"cron\":\"0 0 31 2 *\"," + RUN + "}");

        assertRefused(refused, 400, "cron", "31 February");
        assertTrue(refused.text().contains("never fires"), refused.text());
    }

    @Test
    void anOverlongCronIsRefusedNamingItsLargestLength() {
        String cron = "0 " + "0,".repeat(35_000) + "0 * * *";

        Api.Response refused = api.post("/api/schedules", "{\"name\":\"a\",\"cron\":\"" + cron + "\"," + RUN + "}");

        assertRefused(refused, 400, "cron", "70 KB cron");
        assertTrue(refused.text().contains("at most 200 characters"), refused.text());
    }

    @Test
    void everyFaultyFieldIsReportedAtOnce() {
        Api.Response refused = api.post("/api/schedules", "{\"name\":\"a/b\",\"cron\":\"61 * * * *\","
                + "\"timezone\":\"Mars/Olympus\",\"priority\":\"SOON\"," + RUN + "}");

        assertRefused(refused, 400, "timezone", "bad zone");
        assertRefused(refused, 400, "cron", "bad cron");
        assertRefused(refused, 400, "name", "bad name");
        assertRefused(refused, 400, "priority", "bad priority");
    }

    @Test
    void anUpdateMustKeepTheNameAndPassTheSameChecks() {
        assertRefused(api.put("/api/schedules/kept", "{\"name\":\"other\",\"cron\":\"daily\"," + RUN + "}"), 400,
                "name", "renamed");
        assertRefused(api.put("/api/schedules/kept", "{\"name\":\"kept\",\"cron\":\"0 25 * * *\"," + RUN + "}"), 400,
                "cron", "bad cron");
    }

    @Test
    void aScheduleNobodyHereHasIsNotFoundForEveryCall() {
        for (Api.Response missing : new Api.Response[] {api.get("/api/schedules/nope"),
                api.put("/api/schedules/nope", "{\"name\":\"nope\",\"cron\":\"daily\"," + RUN + "}"),
                api.post("/api/schedules/nope/pause", ""), api.post("/api/schedules/nope/resume", ""),
                api.post("/api/schedules/nope/trigger", ""), api.delete("/api/schedules/nope"),
                api.post("/api/schedules/nope/backfill", "{\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-02T00:00:00Z\"}")}) {
            assertEquals(404, missing.status(), missing.text());
            assertTrue(missing.text().contains("schedule-not-found"), missing.text());
        }
        Api.Response otherTenant = api.as(Tokens.of("eve", "elsewhere", "ADMIN")).get("/api/schedules/kept");
        assertEquals(404, otherTenant.status(), "another tenant's schedule does not exist for them");
    }

    @Test
    void onlyAnAdminChangesSchedulesAndAManagerReadsThem() {
        Api manager = api.as(Tokens.of("mia", Tokens.TENANT, "MANAGER"));
        Api user = api.as(Tokens.of("ulf", Tokens.TENANT, "USER"));
        assertEquals(403, manager.post("/api/schedules", "{\"name\":\"b\",\"cron\":\"daily\"," + RUN + "}").status());
        assertEquals(403, manager.post("/api/schedules/kept/pause", "").status());
        assertEquals(403, manager.delete("/api/schedules/kept").status());
        assertEquals(403, manager.post("/api/schedules/kept/backfill",
                "{\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-02T00:00:00Z\"}").status());
        assertEquals(200, manager.get("/api/schedules/kept").status());
        assertEquals(403, user.get("/api/schedules").status());
    }

    private static void assertRefused(Api.Response response, int status, String field, String name) {
        assertEquals(status, response.status(), name + ": " + response.text());
        assertTrue(response.contentType().startsWith("application/problem+json"), response.contentType());
        assertTrue(response.text().contains("\"field\":\"" + field + "\""), name + ": " + response.text());
    }
}
