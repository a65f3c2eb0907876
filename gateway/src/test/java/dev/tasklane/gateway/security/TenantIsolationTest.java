package dev.tasklane.gateway.security;

import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.SseReader;
import dev.tasklane.gateway.support.Tokens;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tenant sees nothing of another; a USER sees only their own tasks; a MANAGER sees the whole tenant. */
@MicronautTest
@Property(name = "tasklane.test.privileged-type", value = "true")
class TenantIsolationTest extends ApiWithReceiverTest {

    @Inject
    WorkflowClient client;

    private String submit(Api as, String path) {
        Api.Response response = as.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s"}}""".formatted(receiver.url(path)));
        assertEquals(202, response.status(), response.text());
        return response.field("id");
    }

    private static List<String> listedIds(Api as) {
        List<String> ids = new ArrayList<>();
        for (JsonNode item : as.get("/api/tasks?limit=500").json().get("items").values()) {
            ids.add(item.get("id").getStringValue());
        }
        return ids;
    }

    @Test
    void anotherTenantsTaskIsNotFoundForEveryReadAndAction() throws Exception {
        Api acme = api.as(Tokens.of("ann", "acme", "ADMIN"));
        Api globex = api.as(Tokens.of("gus", "globex", "ADMIN"));
        String id = submit(acme, "/acme");
        acme.awaitStatus(id, "COMPLETED");

        for (Api.Response response : List.of(globex.get("/api/tasks/" + id), globex.get("/api/tasks/" + id + "/logs"),
                globex.post("/api/tasks/" + id + "/cancel", ""), globex.post("/api/tasks/" + id + "/retry", ""),
                globex.delete("/api/tasks/" + id))) {
            assertEquals(404, response.status(), response.text());
            assertEquals("urn:tasklane:problem:task-not-found", response.field("type"));
        }
        try (SseReader stream = globex.stream("/api/tasks/" + id + "/events", null)) {
            assertEquals(404, stream.status());
        }
        assertFalse(listedIds(globex).contains(id));
        assertTrue(listedIds(acme).contains(id));
        assertEquals(200, acme.get("/api/tasks/" + id).status());
    }

    @Test
    void theAllTasksStreamCarriesOnlyTheCallersTenant() throws Exception {
        Api acme = api.as(Tokens.of("ann", "acme", "ADMIN"));
        Api initech = api.as(Tokens.of("ian", "initech", "ADMIN"));
        try (SseReader initechEvents = initech.stream("/api/tasks/events", null)) {
            String foreign = submit(acme, "/acme");
            acme.awaitStatus(foreign, "COMPLETED");
            String own = submit(initech, "/initech");

            List<String> seen = eventsUntilCompleted(initechEvents, own);

            assertFalse(seen.stream().anyMatch(data -> data.contains(foreign)), seen.toString());
        }
    }

    @Test
    void aUserSeesOnlyTheirOwnTasksAndAManagerSeesTheTenants() throws Exception {
        Api alice = api.as(Tokens.of("alice", "hooli", "USER"));
        Api bob = api.as(Tokens.of("bob", "hooli", "USER"));
        Api manager = api.as(Tokens.of("meg", "hooli", "MANAGER"));
        try (SseReader bobEvents = bob.stream("/api/tasks/events", null)) {
            String alices = submit(alice, "/alice");
            alice.awaitStatus(alices, "COMPLETED");
            String bobs = submit(bob, "/bob");

            List<String> seen = eventsUntilCompleted(bobEvents, bobs);

            assertFalse(seen.stream().anyMatch(data -> data.contains(alices)), seen.toString());
            assertEquals(404, bob.get("/api/tasks/" + alices).status());
            assertEquals(404, bob.post("/api/tasks/" + alices + "/retry", "").status());
            assertEquals(List.of(bobs), listedIds(bob));
            assertTrue(listedIds(manager).containsAll(List.of(alices, bobs)));
            assertEquals(200, manager.get("/api/tasks/" + alices).status());
        }
    }

    @Test
    void aResumedStreamOfAUserReplaysOnlyTheirOwnEvents() throws Exception {
        Api carol = api.as(Tokens.of("carol", "umbrella", "USER"));
        Api dave = api.as(Tokens.of("dave", "umbrella", "USER"));
        String carols = submit(carol, "/carol");
        carol.awaitStatus(carols, "COMPLETED");
        String daves = submit(dave, "/dave");
        dave.awaitStatus(daves, "COMPLETED");

        try (SseReader replay = dave.stream("/api/tasks/events", "0")) {
            List<String> seen = eventsUntilCompleted(replay, daves);

            assertFalse(seen.stream().anyMatch(data -> data.contains(carols)), seen.toString());
        }
    }

    @Test
    void eachTasksWorkflowCarriesItsTenantAsTheFairnessKey() {
        String id = submit(api.as(Tokens.of("ann", "fair-acme", "USER")), "/fair");

        io.temporal.api.common.v1.Priority priority = client.fetchHistory(id).getEvents().get(0)
                .getWorkflowExecutionStartedEventAttributes().getPriority();

        assertEquals("fair-acme", priority.getFairnessKey());
    }

    @Test
    void aPrivilegedTaskTypeNeedsAManager() {
        String payload = """
                {"type":"privileged-delivery","payload":{"url":"%s"}}""".formatted(receiver.url("/privileged"));

        Api.Response asUser = api.as(Tokens.of("uma", "default", "USER")).post("/api/tasks", payload);
        Api.Response asManager = api.as(Tokens.of("max", "default", "MANAGER")).post("/api/tasks", payload);

        assertEquals(403, asUser.status());
        assertTrue(asUser.field("detail").contains("needs role MANAGER"), asUser.field("detail"));
        assertEquals(202, asManager.status(), asManager.text());
        api.awaitStatus(asManager.field("id"), "COMPLETED");
    }

    @Test
    void aUserCanCancelAndRetryTheirOwnTask() {
        Api erin = api.as(Tokens.of("erin", "default", "USER"));
        receiver.replyInOrder(dev.tasklane.activities.testing.WebhookReceiver.Reply.status(400))
                .otherwise(dev.tasklane.activities.testing.WebhookReceiver.Reply.status(200));
        String id = submit(erin, "/once-bad");
        erin.awaitStatus(id, "FAILED");

        Api.Response retried = erin.post("/api/tasks/" + id + "/retry", "");

        assertEquals(202, retried.status(), retried.text());
        erin.awaitStatus(retried.field("id"), "COMPLETED");
    }

    private static List<String> eventsUntilCompleted(SseReader stream, String taskId) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        while (true) {
            SseReader.SseEvent event = stream.next(Duration.ofSeconds(20));
            if (event == null) {
                throw new AssertionError("no task_completed for " + taskId + "; saw " + seen);
            }
            seen.add(event.data());
            if ("task_completed".equals(event.name()) && event.data().contains(taskId)) {
                return seen;
            }
        }
    }
}
