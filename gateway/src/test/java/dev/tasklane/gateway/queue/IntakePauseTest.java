package dev.tasklane.gateway.queue;

import dev.tasklane.activities.testing.WebhookReceiver.Reply;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Await;
import dev.tasklane.gateway.support.Tokens;
import dev.tasklane.workflows.lifecycle.TaskRun;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A paused intake holds new tasks at their start and lets running ones finish; resuming releases them at once. */
@MicronautTest(transactional = false)
class IntakePauseTest extends ApiWithReceiverTest {

    @Inject
    WorkflowClient client;

    @AfterEach
    void resume() {
        api.post("/api/queue/resume", "");
    }

    @Test
    void aTaskSubmittedWhilePausedWaitsQueuedAndARunningOneFinishes() {
        receiver.otherwise(Reply.heldUntilReleased(200));
        String running = submitDelivery(api, "/running");
        api.awaitStatus(running, "RUNNING");

        Api.Response paused = api.post("/api/queue/pause", "");
        assertEquals(200, paused.status(), paused.text());
        assertTrue(paused.json().get("paused").getBooleanValue());
        assertEquals("tester", paused.field("changedBy"));
        String waiting = submitDelivery(api, "/waiting");
        Await.until("the new task to wait at the gate", Duration.ofSeconds(15), () -> waitsAtTheGate(waiting),
                atGate -> atGate);
        receiver.release();
        api.awaitStatus(running, "COMPLETED");

        assertEquals("QUEUED", api.get("/api/tasks/" + waiting).field("status"));
        assertFalse(receiver.requests().stream().anyMatch(request -> request.path().equals("/waiting")));

        Api.Response resumed = api.post("/api/queue/resume", "");
        assertFalse(resumed.json().get("paused").getBooleanValue());
        Await.until("the resume to be signalled to the waiting task", Duration.ofSeconds(15),
                () -> signalled(waiting), told -> told);
        api.awaitStatus(waiting, "COMPLETED");
    }

    @Test
    void onlyAnAdminOfTheOperatorTenantMayPause() {
        Api otherAdmin = api.as(Tokens.of("olga", "elsewhere", "ADMIN"));
        Api.Response refused = otherAdmin.post("/api/queue/pause", "");
        assertEquals(403, refused.status());
        assertTrue(refused.text().contains("operator tenant 'default'"), refused.text());
        assertEquals(403, api.as(Tokens.of("mia", Tokens.TENANT, "MANAGER")).post("/api/queue/pause", "").status());
        assertEquals(403, otherAdmin.post("/api/queue/resume", "").status());
    }

    private boolean signalled(String id) {
        return client.fetchHistory(id).getEvents().stream()
                .filter(HistoryEvent::hasWorkflowExecutionSignaledEventAttributes)
                .anyMatch(event -> event.getWorkflowExecutionSignaledEventAttributes().getSignalName()
                        .equals(TaskRun.INTAKE_RESUMED));
    }

    /** Whether the task's workflow asked for intake and is waiting on its timer. */
    private boolean waitsAtTheGate(String id) {
        return client.fetchHistory(id).getEvents().stream().anyMatch(HistoryEvent::hasTimerStartedEventAttributes);
    }
}
