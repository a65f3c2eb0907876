package dev.tasklane.gateway.bulk;

import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Tokens;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bulk actions by filter: counted first, then done as one bulk-action task with its own progress, on the caller's
 * own tasks for a USER, deletes for an ADMIN only, and bad filters named.
 */
@MicronautTest(transactional = false)
class BulkActionApiTest extends ApiWithReceiverTest {

    private List<String> scheduled(Api as, String path, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(as.post("/api/tasks", """
                    {"type":"url-check","payload":{"url":"%s"},"runAt":"%s"}"""
                    .formatted(receiver.url(path), Instant.now().plus(Duration.ofHours(1)))).field("id"));
        }
        return ids;
    }

    private JsonNode runBulk(Api as, String body) {
        Api.Response started = as.post("/api/tasks/bulk", body);
        assertEquals(202, started.status(), started.text());
        String bulk = started.field("id");
        assertTrue(bulk.startsWith("bulk-action-"), bulk);
        return as.awaitStatus(bulk, "COMPLETED").json();
    }

    @Test
    void aUsersBulkCancelCountsThenCancelsTheirOwnMatchingTasksOnlyAndRetryRunsThemAgain() {
        Api ann = api.as(Tokens.of("ann", "bulk-tenant", "USER"));
        Api bob = api.as(Tokens.of("bob", "bulk-tenant", "USER"));
        List<String> anns = scheduled(ann, "/ann", 5);
        List<String> bobs = scheduled(bob, "/bob", 1);

        Api.Response preview = ann.post("/api/tasks/bulk", """
                {"action":"cancel","type":"url-check","status":"SCHEDULED","dryRun":true}""");
        assertEquals(200, preview.status(), preview.text());
        assertEquals(5, preview.json().get("matched").getLongValue());

        JsonNode cancelled = runBulk(ann, """
                {"action":"cancel","type":"url-check","status":"SCHEDULED"}""");

        assertEquals(5, cancelled.get("result").get("matched").getLongValue());
        assertEquals(5, cancelled.get("result").get("applied").getLongValue());
        assertEquals(100.0, cancelled.get("progress").get("percent").getNumberValue().doubleValue());
        anns.forEach(id -> ann.awaitStatus(id, "CANCELLED"));
        assertEquals("SCHEDULED", bob.get("/api/tasks/" + bobs.get(0)).field("status"), "another user's task");

        JsonNode retried = runBulk(ann, """
                {"action":"retry","type":"url-check","status":"CANCELLED"}""");
        assertEquals(5, retried.get("result").get("applied").getLongValue());
        List<String> again = new ArrayList<>();
        for (JsonNode task : ann.get("/api/tasks?type=url-check").json().get("items").values()) {
            if (!task.get("retryOf").isNull()) {
                assertTrue(anns.contains(task.get("retryOf").getStringValue()));
                again.add(task.get("id").getStringValue());
            }
        }
        assertEquals(5, again.size());
        again.forEach(id -> ann.awaitStatus(id, "COMPLETED"));
        bob.post("/api/tasks/" + bobs.get(0) + "/cancel", "");
    }

    @Test
    void onlyAnAdminDeletesInBulk() {
        Api cat = api.as(Tokens.of("cat", "delete-tenant", "MANAGER"));
        List<String> ids = scheduled(cat, "/gone", 2);
        ids.forEach(id -> cat.post("/api/tasks/" + id + "/cancel", ""));
        ids.forEach(id -> cat.awaitStatus(id, "CANCELLED"));

        Api.Response refused = cat.post("/api/tasks/bulk", "{\"action\":\"delete\",\"status\":\"CANCELLED\"}");
        assertEquals(403, refused.status(), refused.text());

        Api admin = api.as(Tokens.of("ada", "delete-tenant", "ADMIN"));
        JsonNode deleted = runBulk(admin, "{\"action\":\"delete\",\"status\":\"CANCELLED\",\"type\":\"url-check\"}");
        assertEquals(2, deleted.get("result").get("applied").getLongValue());
        ids.forEach(id -> assertEquals(404, admin.get("/api/tasks/" + id).status()));
    }

    @Test
    void badFiltersAreNamedAndABulkActionCannotBeSubmittedAsATask() {
        Api.Response bad = api.post("/api/tasks/bulk", """
                {"action":"explode","type":"no-such-type","from":"2026-02-01T00:00:00Z","to":"2026-01-01T00:00:00Z",
                 "extra":true}""");
        assertEquals(400, bad.status(), bad.text());
        assertTrue(bad.text().contains("\"extra\""), bad.text());
        Api.Response fields = api.post("/api/tasks/bulk", """
                {"action":"explode","type":"no-such-type","from":"2026-02-01T00:00:00Z","to":"2026-01-01T00:00:00Z"}""");
        for (String field : List.of("action", "type", "to")) {
            assertTrue(fields.text().contains("\"" + field + "\""), field + " in " + fields.text());
        }
        Api.Response wrongStatus = api.post("/api/tasks/bulk", "{\"action\":\"cancel\",\"status\":\"COMPLETED\"}");
        assertEquals(400, wrongStatus.status());
        assertTrue(wrongStatus.text().contains("\"status\""), wrongStatus.text());

        Api.Response direct = api.post("/api/tasks", """
                {"type":"bulk-action","payload":{"action":"delete","roles":["ADMIN"]}}""");
        assertEquals(400, direct.status(), direct.text());
        assertTrue(direct.text().contains("POST /api/tasks/bulk"), direct.text());
    }
}
