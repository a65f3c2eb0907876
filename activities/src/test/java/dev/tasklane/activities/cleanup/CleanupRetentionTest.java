package dev.tasklane.activities.cleanup;

import dev.tasklane.activities.lifecycle.CallingTask;
import dev.tasklane.activities.lifecycle.TaskLifecycleActivitiesImpl;
import dev.tasklane.activities.progress.ProgressReporter;
import dev.tasklane.activities.schedule.OperationsScope;
import dev.tasklane.activities.testing.TaskRows;
import dev.tasklane.store.event.TaskEventLog;
import dev.tasklane.store.flow.FlowSlots;
import dev.tasklane.store.task.TaskReconciler;
import dev.tasklane.store.task.TaskRepository;
import dev.tasklane.store.task.WorkflowRuns;
import dev.tasklane.workflows.cleanup.CleanupRequest;
import dev.tasklane.workflows.cleanup.CleanupResult;
import dev.tasklane.workflows.cleanup.CleanupWorkflow;
import dev.tasklane.workflows.cleanup.CleanupWorkflowImpl;
import dev.tasklane.workflows.lifecycle.TaskSettings;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retention as days pass, with skipped time: the test server's clock and the cleanup's move on together, day by day,
 * so a finished task goes once its outcome's retention (7 days completed, 30 days failed) has passed, not a day before.
 * The cleanup reads a clock the test moves, because the test server may skip further while an activity runs.
 */
@MicronautTest(transactional = false)
class CleanupRetentionTest {

    private static final String QUEUE = "cleanup-retention";
    private static final String TENANT = "retention";

    @Inject
    CleanupStore store;

    @Inject
    CleanupProperties properties;

    @Inject
    TaskRepository tasks;

    @Inject
    CallingTask callingTask;

    @Inject
    OperationsScope scope;

    @Inject
    TaskEventLog log;

    @Inject
    FlowSlots slots;

    @Inject
    ProgressReporter progress;

    @Inject
    TaskLifecycleActivitiesImpl lifecycle;

    private TestWorkflowEnvironment env;
    private Instant today;

    @BeforeEach
    void start() {
        env = TestWorkflowEnvironment.newInstance();
        today = Instant.ofEpochMilli(env.currentTimeMillis());
        Clock daysLater = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return today;
            }
        };
        Worker worker = env.newWorker(QUEUE);
        worker.registerWorkflowImplementationTypes(CleanupWorkflowImpl.class);
        worker.registerActivitiesImplementations(lifecycle, new CleanupActivitiesImpl(store, properties, tasks,
                callingTask, scope, new TaskReconciler(new WorkflowRuns(env.getWorkflowClient()), log, tasks,
                        slots), progress, daysLater));
        env.start();
    }

    @AfterEach
    void close() {
        env.close();
    }

    @Test
    void aFinishedTaskGoesWhenItsOutcomesRetentionHasPassed() {
        String completed = save(TaskStatus.COMPLETED, today);
        String failed = save(TaskStatus.FAILED, today);

        passDays(6);
        assertEquals(0, cleanUp().deletedTasks(), "six days: nothing is past its retention");
        assertTrue(tasks.findById(completed).isPresent());

        passDays(2);
        CleanupResult eighthDay = cleanUp();
        assertEquals(0, eighthDay.deletedByStatus().get("FAILED"));
        assertFalse(tasks.findById(completed).isPresent(), "a completed task is kept 7 days");
        assertTrue(tasks.findById(failed).isPresent(), "a failed one 30");

        passDays(23);
        assertEquals(1, cleanUp().deletedByStatus().get("FAILED"));
        assertFalse(tasks.findById(failed).isPresent());
    }

    private void passDays(int days) {
        env.sleep(Duration.ofDays(days));
        today = today.plus(Duration.ofDays(days));
    }

    private String save(TaskStatus status, Instant endedAt) {
        String id = "webhook-delivery-" + UUID.randomUUID();
        tasks.save(TaskRows.ended(id, TENANT, status, endedAt));
        return id;
    }

    /** Runs a cleanup task of the tenant, as a schedule's run would. */
    private CleanupResult cleanUp() {
        String id = "cleanup-" + UUID.randomUUID();
        tasks.save(TaskRows.queued(id, "cleanup", TENANT));
        return env.getWorkflowClient().newWorkflowStub(CleanupWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(id).setTaskQueue(QUEUE).build()).clean(new CleanupRequest(null), new TaskSettings(null,
                null));
    }
}
