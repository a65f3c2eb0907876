package dev.tasklane.gateway.durability;

import dev.tasklane.activities.testing.WebhookReceiver.Reply;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Await;
import dev.tasklane.gateway.support.SseReader;
import dev.tasklane.gateway.support.SseReader.SseEvent;
import dev.tasklane.gateway.temporal.TemporalCli;
import dev.tasklane.gateway.temporal.TemporalConnection;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A task cancelled, terminated or reset with the Temporal CLI, the calls the Web UI makes, shows its true state in
 * Tasklane within seconds: in its event stream, by id and in the listing.
 */
@MicronautTest(transactional = false)
class ControlledFromTemporalTest extends ApiWithReceiverTest {

    private static final Logger LOG = LoggerFactory.getLogger(ControlledFromTemporalTest.class);
    private static final Duration WITHIN_SECONDS = Duration.ofSeconds(10);

    @Inject
    TemporalConnection temporal;

    @Test
    void aTaskCancelledInTemporalEndsCancelled() throws Exception {
        receiver.otherwise(Reply.heldUntilReleased(200));
        String id = submitDelivery(api, "/held");
        Await.until("the delivery to reach the receiver", WITHIN_SECONDS, receiver::count, count -> count == 1);

        try (SseReader stream = api.stream("/api/tasks/" + id + "/events", null)) {
            long sent = temporal("workflow", "cancel", "--workflow-id", id);
            List<SseEvent> events = stream.untilEnd(WITHIN_SECONDS);
            LOG.info("cancelled in Temporal: the task's stream ended {} ms after the CLI returned",
                    (System.nanoTime() - sent) / 1_000_000);
            assertEquals("task_cancelled", events.get(events.size() - 1).name(), events.toString());
        }
        assertEquals("CANCELLED", api.get("/api/tasks/" + id).field("status"));
    }

    @Test
    void aTaskTerminatedInTemporalEndsFailedAsTerminated() throws Exception {
        receiver.otherwise(Reply.heldUntilReleased(200));
        String id = submitDelivery(api, "/held");
        Await.until("the delivery to reach the receiver", WITHIN_SECONDS, receiver::count, count -> count == 1);

        try (SseReader stream = api.stream("/api/tasks/" + id + "/events", null)) {
            long sent = temporal("workflow", "terminate", "--workflow-id", id, "--reason", "stuck");
            List<SseEvent> events = stream.untilEnd(WITHIN_SECONDS);
            LOG.info("terminated in Temporal: the task's stream ended {} ms after the CLI returned",
                    (System.nanoTime() - sent) / 1_000_000);
            assertEquals("task_failed", events.get(events.size() - 1).name(), events.toString());
        }
        JsonNode listed = api.get("/api/tasks?status=FAILED&type=webhook-delivery&limit=100").json().get("items");
        assertTrue(ids(listed).contains(id), "the listing shows the task failed");
        JsonNode task = api.get("/api/tasks/" + id).json();
        assertEquals("Terminated", task.get("error").get("type").getStringValue(), task.toString());
    }

    @Test
    void aFailedTaskResetInTemporalRunsAgainFromTheStart() throws Exception {
        receiver.replyTo("/flaky", Reply.status(400));
        String id = submitDelivery(api, "/flaky");
        api.awaitStatus(id, "FAILED");
        receiver.replyTo("/flaky", Reply.heldUntilReleased(200));

        temporal("workflow", "reset", "--workflow-id", id, "--type", "FirstWorkflowTask", "--reason", "receiver fixed");
        JsonNode running = Await.until("the task to run again", WITHIN_SECONDS, () -> api.get("/api/tasks/" + id),
                r -> "RUNNING".equals(r.field("status"))).json();
        assertEquals(1, running.get("attempt").getIntValue(), "the new run is in its first attempt");
        assertTrue(running.get("error").isNull() && running.get("completedAt").isNull(), running.toString());

        List<SseEvent> events;
        try (SseReader stream = api.stream("/api/tasks/" + id + "/events", null)) {
            Await.until("the new run's delivery to reach the receiver", WITHIN_SECONDS, receiver::count,
                    count -> count == 2);
            receiver.release();
            events = stream.untilEnd(WITHIN_SECONDS);
        }
        List<String> names = events.stream().map(SseEvent::name).toList();
        assertEquals("task_completed", names.get(names.size() - 1), "the stream ends with the new run's end: " + names);
        assertTrue(names.indexOf("task_failed") < names.lastIndexOf("task_started"),
                "the old run's failure, then the new run's start: " + names);
        assertEquals("COMPLETED", api.get("/api/tasks/" + id).field("status"));
        assertEquals(List.of("1", "1"), receiver.requests().stream().map(r -> r.header("Tasklane-Attempt")).toList(),
                "the reset run delivered again, as its own first attempt");
    }

    @Test
    void aRunningTaskResetInTemporalRunsAgainWithoutEndingInBetween() throws Exception {
        receiver.otherwise(Reply.heldUntilReleased(200));
        String id = submitDelivery(api, "/held");
        Await.until("the delivery to reach the receiver", WITHIN_SECONDS, receiver::count, count -> count == 1);

        temporal("workflow", "reset", "--workflow-id", id, "--type", "FirstWorkflowTask", "--reason", "redeploy");
        Await.until("the new run's delivery to reach the receiver", WITHIN_SECONDS, receiver::count,
                count -> count == 2);
        receiver.release();
        api.awaitStatus(id, "COMPLETED");

        List<String> names = new ArrayList<>();
        JsonNode events = api.get("/api/tasks/" + id + "/logs").json().get("events");
        for (int i = 0; i < events.size(); i++) {
            names.add(events.get(i).get("event").getStringValue());
        }
        assertEquals(List.of("task_started", "task_started", "task_completed"), names.stream()
                .filter(name -> !name.equals("progress_update")).toList(),
                "started, running again after the reset, completed; never failed by the old run's termination");
        assertEquals(1, api.get("/api/tasks/" + id).json().get("attempt").getIntValue());
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ids.add(items.get(i).get("id").getStringValue());
        }
        return ids;
    }

    /** Runs the Temporal CLI against this test's dev server; returns when it returned ({@link System#nanoTime()}). */
    private long temporal(String... command) throws IOException, InterruptedException, TemporalCli.Missing {
        List<String> line = new ArrayList<>(List.of(TemporalCli.find(null).toString()));
        line.addAll(List.of(command));
        line.addAll(List.of("--address", temporal.target()));
        Process cli = new ProcessBuilder(line).redirectErrorStream(true).start();
        assertTrue(cli.waitFor(30, TimeUnit.SECONDS), "the CLI answers");
        String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, cli.exitValue(), String.join(" ", line) + ": " + output);
        return System.nanoTime();
    }
}
