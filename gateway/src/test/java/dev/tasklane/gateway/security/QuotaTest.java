package dev.tasklane.gateway.security;

import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Tokens;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-tenant quotas: a cap on unfinished tasks and on submissions per minute, each a 429 with Retry-After. */
@MicronautTest
@Property(name = "tasklane.quota.submissions-per-minute", value = "3")
@Property(name = "tasklane.quota.max-unfinished-tasks", value = "2")
class QuotaTest extends ApiWithReceiverTest {

    /** Halfway through a minute, and standing still: a burst of submissions falls in one rate window. */
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(30);
    private static final String LATER = NOW.plusSeconds(3600).toString();

    @MockBean(Clock.class)
    Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    private Api.Response submit(Api as, String path, String runAt) {
        String options = runAt == null ? "" : ",\"runAt\":\"" + runAt + "\"";
        return as.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s"}%s}""".formatted(receiver.url(path), options));
    }

    private static void assertQuotaExceeded(Api.Response response, long longestWait) {
        assertEquals(429, response.status(), response.text());
        assertEquals("application/problem+json", response.contentType());
        assertEquals("urn:tasklane:problem:quota-exceeded", response.field("type"));
        long retryAfter = Long.parseLong(response.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= longestWait, "Retry-After " + retryAfter);
    }

    @Test
    void aTenantOverItsSubmissionRateIsToldWhenToComeBack() {
        Api acme = api.as(Tokens.of("ann", "rate-acme", "USER"));
        for (int i = 0; i < 3; i++) {
            Api.Response accepted = submit(acme, "/" + i, null);
            assertEquals(202, accepted.status(), accepted.text());
            acme.awaitStatus(accepted.field("id"), "COMPLETED");
        }

        Api.Response refused = submit(acme, "/3", null);

        assertQuotaExceeded(refused, 60);
        assertTrue(refused.field("detail").startsWith("the tenant's quota of submissions per minute is full; submit"
                + " again in "), "a USER learns no tenant-wide numbers: " + refused.field("detail"));
        Api other = api.as(Tokens.of("gus", "rate-globex", "USER"));
        assertEquals(202, submit(other, "/other", null).status());
    }

    @Test
    void aTenantWithTooManyUnfinishedTasksMustWaitForSomeToFinish() {
        Api acme = api.as(Tokens.of("ann", "backlog-acme", "ADMIN"));
        String first = submit(acme, "/a", LATER).field("id");
        assertEquals(202, submit(acme, "/b", LATER).status());

        Api.Response refused = submit(acme, "/c", LATER);

        assertQuotaExceeded(refused, 5);
        assertTrue(refused.field("detail").contains("2 unfinished tasks"), refused.field("detail"));
        assertEquals(202, acme.post("/api/tasks/" + first + "/cancel", "").status());
        acme.awaitStatus(first, "CANCELLED");
        assertEquals(202, submit(acme, "/c", LATER).status());
    }

    @Test
    void aUserIsToldOnlyThatTheTenantsQuotaIsFullNotHowMuchItHolds() {
        Api manager = api.as(Tokens.of("max", "full-acme", "MANAGER"));
        assertEquals(202, submit(manager, "/a", LATER).status());
        assertEquals(202, submit(manager, "/b", LATER).status());

        Api.Response refused = submit(api.as(Tokens.of("ann", "full-acme", "USER")), "/c", LATER);

        assertQuotaExceeded(refused, 5);
        assertEquals("the tenant's quota of unfinished tasks is full; submit again when some have finished",
                refused.field("detail"));
    }

    @Test
    void aBatchCountsItselfAndEveryChildAndIsRefusedWholeWhenThatPassesTheQuota() {
        Api acme = api.as(Tokens.of("ann", "batch-acme", "ADMIN"));
        String item = """
                {"type":"webhook-delivery","payload":{"url":"%s"}}""".formatted(receiver.url("/batch"));

        Api.Response refused = acme.post("/api/tasks/batch", "{\"items\":[" + item + "," + item + "]}");

        assertQuotaExceeded(refused, 5);
        assertTrue(refused.field("detail").contains("3 more"), refused.field("detail"));
        assertEquals(0, acme.get("/api/tasks").json().get("items").size(), "nothing of the batch was stored");
    }

    @Test
    void aRepeatedSubmissionWithItsIdempotencyKeyIsNotCountedAgain() {
        Api acme = api.as(Tokens.of("ann", "repeat-acme", "USER"));
        String body = """
                {"type":"webhook-delivery","payload":{"url":"%s"},"runAt":"%s","idempotencyKey":"once"}"""
                .formatted(receiver.url("/once"), LATER);
        assertEquals(202, acme.post("/api/tasks", body).status());
        assertEquals(202, submit(acme, "/b", LATER).status());

        Api.Response repeated = acme.post("/api/tasks", body);

        assertEquals(200, repeated.status(), repeated.text());
    }
}
