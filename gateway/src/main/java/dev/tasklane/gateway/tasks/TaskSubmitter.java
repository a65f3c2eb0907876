package dev.tasklane.gateway.tasks;

import dev.tasklane.activities.store.TaskRepository;
import dev.tasklane.activities.store.TaskRow;
import dev.tasklane.gateway.problem.ProblemException;
import dev.tasklane.gateway.problem.ProblemType;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes the catalog row, then starts the workflow; undoes the row if Temporal refuses, so no half-written
 * task remains. An idempotency key maps to one deterministic task ID per tenant.
 */
@Singleton
public class TaskSubmitter {

    private static final Logger LOG = LoggerFactory.getLogger(TaskSubmitter.class);

    private final TaskRepository tasks;
    private final TaskLauncher launcher;
    private final Clock clock;

    public TaskSubmitter(TaskRepository tasks, TaskLauncher launcher, Clock clock) {
        this.tasks = tasks;
        this.launcher = launcher;
        this.clock = clock;
    }

    /** The outcome of a submission: the task, and whether this call created it. */
    public record Submitted(TaskRow task, boolean created) {
    }

    public Submitted submit(ValidSubmission submission, String tenant, String owner) {
        return submit(submission, tenant, owner, null);
    }

    /** Submits; {@code retryOf} names the task this one re-runs, if any. */
    public Submitted submit(ValidSubmission submission, String tenant, String owner, String retryOf) {
        if (submission.idempotencyKey() != null) {
            Optional<TaskRow> existing = tasks.findByTenantAndIdempotencyKey(tenant, submission.idempotencyKey());
            if (existing.isPresent()) {
                return new Submitted(sameRequestOrConflict(existing.get(), submission), false);
            }
        }
        TaskRow row = newRow(submission, tenant, owner, retryOf);
        try {
            tasks.save(row);
        } catch (DataAccessException duplicate) {
            TaskRow winner = tasks.findByTenantAndIdempotencyKey(tenant, Objects.requireNonNull(submission.idempotencyKey(),
                    "a task ID collided without an idempotency key")).orElseThrow(() -> duplicate);
            return new Submitted(sameRequestOrConflict(winner, submission), false);
        }
        try {
            launcher.start(row);
        } catch (RuntimeException e) {
            tasks.deleteById(row.id());
            LOG.warn("could not start task {}: {}", row.id(), e.toString());
            throw new ProblemException(ProblemType.TEMPORAL_UNAVAILABLE,
                    "Temporal did not accept the task (" + e.getMessage() + "); nothing was stored, submit again later");
        }
        return new Submitted(row, true);
    }

    private static TaskRow sameRequestOrConflict(TaskRow existing, ValidSubmission submission) {
        if (!existing.type().equals(submission.type().name()) || !existing.inputJson().equals(submission.inputJson())) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED, "idempotency key '"
                    + submission.idempotencyKey() + "' already belongs to task " + existing.id()
                    + " with a different type or payload; use a new key for a different request");
        }
        return existing;
    }

    private TaskRow newRow(ValidSubmission submission, String tenant, String owner, String retryOf) {
        String type = submission.type().name();
        String id = submission.idempotencyKey() == null
                ? type + "-" + UUID.randomUUID()
                : type + "-" + UUID.nameUUIDFromBytes((tenant + "\n" + submission.idempotencyKey())
                        .getBytes(StandardCharsets.UTF_8));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        TaskStatus status = submission.runAt() == null ? TaskStatus.QUEUED : TaskStatus.SCHEDULED;
        return new TaskRow(id, tenant, owner, type, status, submission.priority(), submission.inputJson(),
                submission.settingsJson(), null, null, null, null, 0, submission.idempotencyKey(), retryOf, now,
                submission.runAt() == null ? null : submission.runAt().truncatedTo(ChronoUnit.MICROS), null, null);
    }
}
