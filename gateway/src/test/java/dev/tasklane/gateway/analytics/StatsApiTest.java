package dev.tasklane.gateway.analytics;

import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.CatalogRows;
import dev.tasklane.gateway.support.Tokens;
import dev.tasklane.store.task.TaskRepository;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Live totals from the catalog, and the analytics task's daily and hourly rows behind the charts. */
@MicronautTest(transactional = false)
class StatsApiTest extends ApiWithReceiverTest {

    @Inject
    TaskRepository tasks;

    @Inject
    CatalogRows rows;

    @Test
    void totalsCountOutcomesAndDurationsPerTypeOverTheLastDays() {
        Api manager = seeded("stats-live");

        JsonNode stats = manager.get("/api/stats").json();

        JsonNode webhooks = stats.get("byType").get("webhook-delivery");
        assertEquals(14, webhooks.get("finished").getLongValue());
        assertEquals(10, webhooks.get("completed").getLongValue());
        assertEquals(2, webhooks.get("failed").getLongValue());
        assertEquals(1, webhooks.get("cancelled").getLongValue());
        assertEquals(1, webhooks.get("timedOut").getLongValue());
        assertEquals(10.0 / 13, webhooks.get("successRate").getNumberValue().doubleValue(), 1e-9,
                "cancelled tasks are left out of the success rate");
        assertEquals(5.5, webhooks.get("averageDurationSeconds").getNumberValue().doubleValue(), 1e-9);
        assertEquals(10.0, webhooks.get("p95DurationSeconds").getNumberValue().doubleValue(), 1e-9);
        assertEquals(3, stats.get("byType").get("document-pipeline").get("completed").getLongValue());
        assertEquals(17, stats.get("finished").get("finished").getLongValue(), "the task of ten days ago is out");
        assertEquals(13, stats.get("byStatus").get("COMPLETED").getLongValue());
        assertEquals(0, stats.get("byStatus").get("RUNNING").getLongValue());
        assertEquals(18, manager.get("/api/stats?days=30").json().get("finished").get("finished").getLongValue());
    }

    @Test
    void theAnalyticsTaskFillsTheWeeklyAndHourlyRowsAndARerunWritesTheSame() {
        Api manager = seeded("stats-daily");

        JsonNode first = runAnalytics(manager);
        JsonNode weekly = manager.get("/api/stats/weekly").json();
        JsonNode again = runAnalytics(manager);

        assertEquals(17, first.get("tasks").getLongValue());
        assertEquals(18, again.get("tasks").getLongValue(), "the first run has ended too, as an analytics task");
        assertEquals(webhookRows(weekly), webhookRows(manager.get("/api/stats/weekly").json()),
                "a rerun replaces the day with the same numbers");
        assertEquals(7, weekly.get("days").size());
        long finished = 0;
        JsonNode webhookDay = null;
        for (JsonNode day : weekly.get("days").values()) {
            finished += day.get("finished").getLongValue();
            if (day.get("byType").get("webhook-delivery") != null) {
                webhookDay = day.get("byType").get("webhook-delivery");
            }
        }
        assertEquals(17, finished);
        assertNotNull(webhookDay);
        assertEquals(10.0, webhookDay.get("p95DurationSeconds").getNumberValue().doubleValue(), 1e-9);
        assertNotNull(weekly.get("computedAt").getStringValue());

        JsonNode throughput = manager.get("/api/stats/throughput?days=1").json();
        assertTrue(throughput.get("hours").size() >= 24, "every hour is listed, empty ones as zeros");
        long completed = 0;
        long failed = 0;
        for (JsonNode hour : throughput.get("hours").values()) {
            completed += hour.get("completed").getLongValue();
            failed += hour.get("failed").getLongValue();
        }
        assertEquals(14, completed, "13 seeded and the first analytics run");
        assertEquals(2, failed);
    }

    @Test
    void theHourlyViewCountsEachHoursOutcomesLiveWithDurationPercentiles() {
        Instant now = Instant.now();
        Duration midLastHour = Duration.between(now.truncatedTo(ChronoUnit.HOURS).minus(30, ChronoUnit.MINUTES), now);
        for (int seconds = 1; seconds <= 10; seconds++) {
            rows.ended("hourly", "webhook-delivery", TaskStatus.COMPLETED, midLastHour.plusSeconds(seconds),
                    Duration.ofSeconds(seconds));
        }
        rows.ended("hourly", "webhook-delivery", TaskStatus.FAILED, midLastHour, Duration.ofSeconds(1));
        rows.ended("hourly", "webhook-delivery", TaskStatus.CANCELLED, midLastHour, Duration.ofSeconds(1));
        rows.ended("hourly", "webhook-delivery", TaskStatus.COMPLETED, Duration.ofHours(5), Duration.ofSeconds(1));
        Api manager = api.as(Tokens.of("mia", "hourly", "MANAGER"));

        JsonNode hourly = manager.get("/api/stats/hourly?hours=3").json();

        assertEquals(3, hourly.get("items").size(), "the current hour and the two before it");
        JsonNode lastHour = hourly.get("items").get(1);
        assertEquals(now.truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS).toString(),
                lastHour.get("hour").getStringValue());
        assertEquals(10, lastHour.get("completed").getLongValue());
        assertEquals(1, lastHour.get("failed").getLongValue());
        assertEquals(1, lastHour.get("cancelled").getLongValue());
        assertEquals(10.0 / 11, lastHour.get("successRate").getNumberValue().doubleValue(), 1e-9);
        assertEquals(5.0, lastHour.get("p50DurationSeconds").getNumberValue().doubleValue(), 1e-9);
        assertEquals(10.0, lastHour.get("p95DurationSeconds").getNumberValue().doubleValue(), 1e-9);
        assertEquals(10.0, lastHour.get("p99DurationSeconds").getNumberValue().doubleValue(), 1e-9);
        assertTrue(hourly.get("items").get(0).get("successRate").isNull(), "an hour with nothing ended has no rate");
        assertEquals(24, manager.get("/api/stats/hourly").json().get("items").size(), "a day by default");
        assertEquals(0, api.get("/api/stats/hourly?hours=3").json().get("items").get(1).get("completed")
                .getLongValue(), "another tenant's hour");
        assertEquals(403, api.as(Tokens.of("ulf", "hourly", "USER")).get("/api/stats/hourly").status());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            zero days        | /api/stats?days=0               | days
            too many days    | /api/stats?days=91              | days
            not a number     | /api/stats?days=week            | days
            throughput zero  | /api/stats/throughput?days=0    | days
            throughput words | /api/stats/throughput?days=all  | days
            zero hours       | /api/stats/hourly?hours=0       | hours
            over a week      | /api/stats/hourly?hours=169     | hours
            hours in words   | /api/stats/hourly?hours=a%20day | hours
            """)
    void aFaultySpanIsRefusedNamingIt(String name, String path, String field) {
        Api.Response refused = api.get(path);
        assertEquals(400, refused.status(), name + ": " + refused.text());
        assertTrue(refused.contentType().startsWith("application/problem+json"));
        assertTrue(refused.text().contains("\"field\":\"" + field + "\""), refused.text());
    }

    @Test
    void anAnalyticsRunNeedsSaneDaysAndAManager() {
        long before = tasks.count();
        Api.Response refused = api.post("/api/tasks/analytics", "{\"days\":0}");
        assertEquals(400, refused.status(), refused.text());
        assertTrue(refused.text().contains("\"field\":\"payload.days\""), refused.text());
        Api user = api.as(Tokens.of("ulf", Tokens.TENANT, "USER"));
        assertEquals(403, user.post("/api/tasks/analytics", "{}").status());
        assertEquals(403, user.get("/api/stats").status());
        assertEquals(403, user.get("/api/stats/weekly").status());
        assertEquals(before, tasks.count());
    }

    private static String webhookRows(JsonNode weekly) {
        StringBuilder rows = new StringBuilder();
        weekly.get("days").values().forEach(day -> rows.append(day.get("day").getStringValue()).append(' ')
                .append(day.get("byType").get("webhook-delivery") == null ? "-"
                        : day.get("byType").get("webhook-delivery").get("finished").getLongValue()).append('\n'));
        return rows.toString();
    }

    private JsonNode runAnalytics(Api manager) {
        String id = manager.post("/api/tasks/analytics", "{\"days\":2}").field("id");
        return manager.awaitStatus(id, "COMPLETED").json().get("result");
    }

    /** A tenant with 17 tasks ended a minute ago (14 deliveries, 3 documents) and one ten days ago. */
    private Api seeded(String tenant) {
        Duration ago = Duration.between(Instant.now().truncatedTo(ChronoUnit.HOURS), Instant.now()).dividedBy(2);
        for (int seconds = 1; seconds <= 10; seconds++) {
            rows.ended(tenant, "webhook-delivery", TaskStatus.COMPLETED, ago, Duration.ofSeconds(seconds));
        }
        rows.ended(tenant, "webhook-delivery", TaskStatus.FAILED, ago, Duration.ofSeconds(1));
        rows.ended(tenant, "webhook-delivery", TaskStatus.FAILED, ago, Duration.ofSeconds(1));
        rows.ended(tenant, "webhook-delivery", TaskStatus.CANCELLED, ago, Duration.ofSeconds(1));
        rows.ended(tenant, "webhook-delivery", TaskStatus.TIMED_OUT, ago, Duration.ofSeconds(1));
        for (int i = 0; i < 3; i++) {
            rows.ended(tenant, "document-pipeline", TaskStatus.COMPLETED, ago, Duration.ofSeconds(2));
        }
        rows.ended(tenant, "webhook-delivery", TaskStatus.COMPLETED, Duration.ofDays(10), Duration.ofSeconds(1));
        return api.as(Tokens.of("mia", tenant, "MANAGER"));
    }
}
