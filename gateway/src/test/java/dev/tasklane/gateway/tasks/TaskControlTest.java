package dev.tasklane.gateway.tasks;

import dev.tasklane.activities.testing.WebhookReceiver.Reply;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.SseReader;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

@MicronautTest
class TaskControlTest extends ApiWithReceiverTest {

    @Inject
    WorkflowClient client;

    @Test
    void cancellingADeliveryInFlightEndsItCancelledAndItCannotBeCancelledTwice() throws Exception {
        receiver.otherwise(Reply.heldUntilReleased(200));
        String id = submit("/held");
        assertNotNull(receiver.awaitRequest(Duration.ofSeconds(10)));

        Api.Response cancel = api.post("/api/tasks/" + id + "/cancel", "");

        assertEquals(202, cancel.status());
        Api.Response cancelled = api.awaitStatus(id, "CANCELLED");
        assertEquals(true, cancelled.json().get("result").get("cancelled").getBooleanValue());
        assertEquals(1, cancelled.json().get("result").get("attempts").getIntValue());
        assertEquals(409, api.post("/api/tasks/" + id + "/cancel", "").status());
    }

    @Test
    void cancellingDuringBackoffEndsCancelled() throws Exception {
        receiver.otherwise(Reply.status(503));
        String id = api.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s"},"retry":{"initialIntervalSeconds":60}}"""
                .formatted(receiver.url("/down"))).field("id");
        api.awaitStatus(id, "RETRYING");

        api.post("/api/tasks/" + id + "/cancel", "");

        Api.Response cancelled = api.awaitStatus(id, "CANCELLED");
        assertEquals(1, receiver.requests().size());
        assertEquals(1, cancelled.json().get("result").get("attempts").getIntValue());
    }

    @Test
    void aRunningTaskCannotBeDeletedButAFinishedOneCan() throws Exception {
        receiver.otherwise(Reply.heldUntilReleased(200));
        String id = submit("/held");
        assertNotNull(receiver.awaitRequest(Duration.ofSeconds(10)));

        assertEquals(409, api.delete("/api/tasks/" + id).status());
        receiver.release();
        api.awaitStatus(id, "COMPLETED");

        assertEquals(204, api.delete("/api/tasks/" + id).status());
        assertEquals(404, api.get("/api/tasks/" + id).status());
        assertEquals(404, api.get("/api/tasks/" + id + "/logs").status());
    }

    @Test
    void retryingAFailedTaskRunsItAgainAsANewTaskThatNamesTheOld() {
        receiver.replyInOrder(Reply.status(400)).otherwise(Reply.status(200));
        String failed = submit("/once-bad");
        api.awaitStatus(failed, "FAILED");

        Api.Response retried = api.post("/api/tasks/" + failed + "/retry", "");

        assertEquals(202, retried.status());
        String id = retried.field("id");
        assertNotEquals(failed, id);
        assertEquals(failed, retried.field("retryOf"));
        api.awaitStatus(id, "COMPLETED");
        assertEquals(2, receiver.requests().size());
        assertEquals(receiver.requests().get(0).bodyText(), receiver.requests().get(1).bodyText());
    }

    @Test
    void onlyFailedOrCancelledTasksCanBeRetried() {
        String id = submit("/fine");
        api.awaitStatus(id, "COMPLETED");

        Api.Response response = api.post("/api/tasks/" + id + "/retry", "");

        assertEquals(409, response.status());
        assertEquals("application/problem+json", response.contentType());
    }

    @Test
    void aWorkflowTerminatedOutsideTasklaneShowsAsFailedOnTheNextRead() throws Exception {
        receiver.otherwise(Reply.heldUntilReleased(200));
        String id = submit("/held");
        assertNotNull(receiver.awaitRequest(Duration.ofSeconds(10)));

        client.newUntypedWorkflowStub(id).terminate("stopped by an operator in the Web UI");
        Api.Response read = api.get("/api/tasks/" + id);

        assertEquals("FAILED", read.field("status"));
        assertEquals("Terminated", read.json().get("error").get("type").getStringValue());
        try (SseReader stream = api.stream("/api/tasks/" + id + "/events", null)) {
            List<SseReader.SseEvent> events = stream.untilEnd(Duration.ofSeconds(10));
            assertEquals("task_failed", events.get(events.size() - 1).name());
        }
    }

    private String submit(String path) {
        return api.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s","body":{"n":1}}}""".formatted(receiver.url(path)))
                .field("id");
    }

}
