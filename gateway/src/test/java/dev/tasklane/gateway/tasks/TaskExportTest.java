package dev.tasklane.gateway.tasks;

import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.CatalogRows;
import dev.tasklane.gateway.support.Tokens;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The export streams every matching task, with results, as one JSON array, across as many pages as it takes. */
@MicronautTest(transactional = false)
class TaskExportTest extends ApiWithReceiverTest {

    @Inject
    CatalogRows rows;

    @Test
    void everyTaskOfTheTenantComesOutNewestFirstAcrossPages() {
        for (int i = 0; i < 620; i++) {
            rows.ended("auditing", "webhook-delivery", i % 10 == 0 ? TaskStatus.FAILED : TaskStatus.COMPLETED,
                    Duration.ofMinutes(i), Duration.ofSeconds(1));
        }
        rows.ended("elsewhere", "webhook-delivery", TaskStatus.COMPLETED, Duration.ofMinutes(1), Duration.ofSeconds(1));
        Api auditor = api.as(Tokens.of("audrey", "auditing", "MANAGER"));

        Api.Response export = auditor.get("/api/tasks/export");

        assertEquals(200, export.status(), export.text());
        assertTrue(export.contentType().startsWith("application/json"), export.contentType());
        assertEquals("attachment; filename=\"tasks-export.json\"", export.header("Content-Disposition"));
        List<JsonNode> all = list(export.json());
        assertEquals(620, all.size(), "more than one page of 500, and nothing of another tenant");
        for (int i = 1; i < all.size(); i++) {
            assertTrue(!Instant.parse(text(all.get(i), "createdAt")).isAfter(Instant.parse(text(all.get(i - 1),
                    "createdAt"))), "newest first");
        }
        assertEquals(62, list(auditor.get("/api/tasks/export?status=FAILED").json()).size());
        String since = text(all.get(9), "createdAt");
        assertEquals(9, list(auditor.get("/api/tasks/export?from=" + Instant.parse(since).plusMillis(1)).json())
                .size());
        String ids = text(all.get(0), "id") + "," + text(all.get(5), "id") + ",no-such-task";
        assertEquals(2, list(auditor.get("/api/tasks/export?ids=" + ids).json()).size());
    }

    @Test
    void resultsComeWithTheTaskAndCredentialsStayRedactedAndAUserGetsTheirOwn() {
        Api una = api.as(Tokens.of("una", "exporters", "USER"));
        Api vic = api.as(Tokens.of("vic", "exporters", "USER"));
        String id = una.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s","secret":"hush"}}""".formatted(receiver.url("/e")))
                .field("id");
        una.awaitStatus(id, "COMPLETED");
        vic.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s"}}""".formatted(receiver.url("/v")));

        List<JsonNode> mine = list(una.get("/api/tasks/export").json());

        assertEquals(1, mine.size());
        assertEquals(200, mine.get(0).get("result").get("statusCode").getIntValue());
        assertEquals("[redacted]", mine.get(0).get("payload").get("secret").getStringValue());
        assertEquals(2, list(api.as(Tokens.of("mia", "exporters", "MANAGER")).get("/api/tasks/export").json()).size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown status     | status=DONE                                   | status
            unknown type       | type=mine                                     | type
            from not instant   | from=yesterday                                | from
            to not instant     | to=2026-13-01T00:00:00Z                       | to
            inverted span      | from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z | to
            ids of nothing     | ids=,,                                        | ids
            """)
    void aFaultyExportIsRefusedNamingTheParameter(String name, String query, String field) {
        Api.Response refused = api.get("/api/tasks/export?" + query);
        assertEquals(400, refused.status(), name + ": " + refused.text());
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
        assertTrue(refused.text().contains("\"field\":\"" + field + "\""), name + ": " + refused.text());
    }

    @Test
    void tooManyIdsAreRefused() {
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < 501; i++) {
            ids.append(Integer.toString(i, 36)).append(',');
        }
        Api.Response refused = api.get("/api/tasks/export?ids=" + ids);
        assertEquals(400, refused.status(), refused.text());
        assertTrue(refused.text().contains("at most 500"), refused.text());
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> found = new ArrayList<>();
        array.values().forEach(found::add);
        return found;
    }

    private static String text(JsonNode node, String field) {
        return node.get(field).getStringValue();
    }
}
