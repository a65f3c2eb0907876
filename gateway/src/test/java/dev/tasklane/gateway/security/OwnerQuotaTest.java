package dev.tasklane.gateway.security;

import dev.tasklane.activities.testing.WebhookReceiver.Reply;
import dev.tasklane.gateway.schedule.ScheduleActivitiesImpl;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Tokens;
import dev.tasklane.store.quota.SubmissionWindows;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per-owner quotas: one user of a tenant reaches their own caps (unfinished, scheduled for later, per minute) long
 * before the tenant's, so the other users of the tenant can still submit.
 */
@MicronautTest(transactional = false)
@Property(name = "tasklane.quota.max-unfinished-tasks", value = "10")
@Property(name = "tasklane.quota.submissions-per-minute", value = "100")
@Property(name = "tasklane.quota.max-unfinished-tasks-per-owner", value = "3")
@Property(name = "tasklane.quota.max-scheduled-tasks-per-owner", value = "2")
@Property(name = "tasklane.quota.submissions-per-minute-per-owner", value = "4")
class OwnerQuotaTest extends ApiWithReceiverTest {

    /** Halfway through a minute, and standing still: a burst of submissions falls in one rate window. */
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(30);
    private static final String LATER = NOW.plusSeconds(3600).toString();

    @Inject
    ScheduleActivitiesImpl scheduleActivities;

    @Inject
    SubmissionWindows windows;

    @MockBean(Clock.class)
    Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    private Api.Response submit(Api as, String path, String runAt) {
        String options = runAt == null ? "" : ",\"runAt\":\"" + runAt + "\"";
        return as.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s"}%s}""".formatted(receiver.url(path), options));
    }

    private static void assertQuotaExceeded(Api.Response response, String limit, long longestWait) {
        assertEquals(429, response.status(), response.text());
        assertEquals("urn:tasklane:problem:quota-exceeded", response.field("type"));
        assertTrue(response.field("detail").contains(limit), response.field("detail"));
        long retryAfter = Long.parseLong(response.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= longestWait, "Retry-After " + retryAfter);
    }

    @Test
    void aUserWithTooManyTasksScheduledForLaterIsRefusedWhileTheirColleaguesAreNot() {
        Api ann = api.as(Tokens.of("ann", "later-acme", "USER"));
        assertEquals(202, submit(ann, "/a", LATER).status());
        assertEquals(202, submit(ann, "/b", LATER).status());

        Api.Response refused = submit(ann, "/c", LATER);

        assertQuotaExceeded(refused, "'ann' may have at most 2 tasks scheduled for later", 5);
        assertEquals(202, submit(ann, "/now", null).status(), "a task to run now is not scheduled for later");
        assertEquals(202, submit(api.as(Tokens.of("bob", "later-acme", "USER")), "/bob", LATER).status());
    }

    @Test
    void aUserMayNotHoldMoreUnfinishedTasksThanTheirShareOfTheTenant() {
        Api ann = api.as(Tokens.of("ann", "share-acme", "USER"));
        String item = """
                {"type":"webhook-delivery","payload":{"url":"%s"}}""".formatted(receiver.url("/batch"));

        Api.Response refused = ann.post("/api/tasks/batch", "{\"items\":[" + item + "," + item + "," + item + "]}");

        assertQuotaExceeded(refused, "'ann' may have at most 3 unfinished tasks of their own", 5);
        assertEquals(0, ann.get("/api/tasks").json().get("items").size(), "nothing of the batch was stored");
        assertEquals(202, submit(api.as(Tokens.of("bob", "share-acme", "USER")), "/bob", LATER).status());
    }

    @Test
    void aUserOverTheirSubmissionRateIsToldWhenToComeBackWhileOthersOfTheTenantSubmit() {
        Api ann = api.as(Tokens.of("ann", "pace-acme", "USER"));
        for (int i = 0; i < 4; i++) {
            Api.Response accepted = submit(ann, "/" + i, null);
            assertEquals(202, accepted.status(), accepted.text());
            ann.awaitStatus(accepted.field("id"), "COMPLETED");
        }

        Api.Response refused = submit(ann, "/4", null);

        assertQuotaExceeded(refused, "'ann' would pass their quota of 4 submissions per minute", 60);
        assertEquals(202, submit(api.as(Tokens.of("bob", "pace-acme", "USER")), "/bob", null).status());
        assertEquals(202, submit(api.as(Tokens.of("max", "pace-acme", "MANAGER")), "/max", null).status());
    }

    @Test
    void aSubmissionTheTenantsRateRefusesLeavesTheUsersOwnAllowanceUntouched() {
        Instant minute = NOW.truncatedTo(ChronoUnit.MINUTES);
        assertTrue(windows.take("full-acme", null, minute, 100, 100), "the tenant's minute is full");

        Api.Response refused = submit(api.as(Tokens.of("zed", "full-acme", "USER")), "/zed", null);

        assertQuotaExceeded(refused, "the tenant's quota of submissions per minute is full", 60);
        assertEquals(0, windows.count("full-acme", "zed", minute), "what the refused submission took is given back");
    }

    @Test
    void retryingABatchCountsEveryItemAgainstTheQuotaAsANewBatchDoes() {
        receiver.otherwise(Reply.heldUntilReleased(200));
        Api ann = api.as(Tokens.of("ann", "again-acme", "USER"));
        String item = """
                {"type":"webhook-delivery","payload":{"url":"%s"}}""".formatted(receiver.url("/held"));
        Api.Response batch = ann.post("/api/tasks/batch", "{\"items\":[" + item + "," + item + "]}");
        String batchId = batch.json().get("batch").get("id").getStringValue();
        assertEquals(202, ann.post("/api/tasks/" + batchId + "/cancel", "").status());
        ann.awaitStatus(batchId, "CANCELLED");
        batch.json().get("items").values().forEach(child -> ann.awaitStatus(child.get("taskId").getStringValue(),
                "CANCELLED"));

        Api.Response refused = ann.post("/api/tasks/" + batchId + "/retry", "");

        assertQuotaExceeded(refused, "'ann' would pass their quota of 4 submissions per minute with 3 more", 60);
    }

    @Test
    void aUserFloodingTheTenantLeavesRoomForTheRunsOfAnotherOwnersSchedule() {
        Api operator = api.as(Tokens.of("op", "cron-acme", "ADMIN"));
        Api.Response schedule = operator.post("/api/schedules", """
                {"name":"nightly","cron":"0 3 * * *","timezone":"UTC","taskType":"webhook-delivery",
                 "payload":{"url":"%s"}}""".formatted(receiver.url("/nightly")));
        assertEquals(201, schedule.status(), schedule.text());
        Api ann = api.as(Tokens.of("ann", "cron-acme", "USER"));
        for (int i = 0; i < 10; i++) {
            submit(ann, "/flood/" + i, LATER);
        }

        String run = scheduleActivities.fire(schedule.field("id"), NOW.toString());

        assertEquals(200, operator.get("/api/tasks/" + run).status(), "the run counts against its schedule's owner");
    }
}
