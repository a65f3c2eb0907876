package dev.tasklane.gateway.tasks;

import dev.tasklane.activities.store.TaskRepository;
import dev.tasklane.activities.store.TaskRow;
import dev.tasklane.gateway.problem.ProblemException;
import dev.tasklane.gateway.security.Caller;
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
 * Checks the caller may submit the type and the tenant has room, writes the catalog row, then starts the
 * workflow; undoes the row if Temporal refuses, so no half-written task remains. An idempotency key maps to one
 * deterministic task ID per tenant.
 */
@Singleton
public class TaskSubmitter {

    private static final Logger LOG = LoggerFactory.getLogger(TaskSubmitter.class);

    private final TaskRepository tasks;
    private final TaskLauncher launcher;
    private final TenantQuota quota;
    private final Clock clock;

    public TaskSubmitter(TaskRepository tasks, TaskLauncher launcher, TenantQuota quota, Clock clock) {
        this.tasks = tasks;
        this.launcher = launcher;
        this.quota = quota;
        this.clock = clock;
    }

    /** The outcome of a submission: the task, and whether this call created it. */
    public record Submitted(TaskRow task, boolean created) {
    }

    /** Submits a task the caller owns. */
    public Submitted submit(ValidSubmission submission, Caller caller) {
        return submit(submission, caller, caller.subject(), null);
    }

    /** Submits {@code original}'s input again as a new task of the same owner that names it. */
    public Submitted resubmit(ValidSubmission submission, Caller caller, TaskRow original) {
        return submit(submission, caller, original.owner(), original.id());
    }

    private Submitted submit(ValidSubmission submission, Caller caller, String owner, String retryOf) {
        String needed = submission.type().requiredRole();
        if (!caller.has(needed)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "task type '" + submission.type().name()
                    + "' is privileged and needs role " + needed + "; your token grants " + caller.roles());
        }
        String tenant = caller.tenant();
        if (submission.idempotencyKey() != null) {
            Optional<TaskRow> existing = tasks.findByTenantAndIdempotencyKey(tenant, submission.idempotencyKey());
            if (existing.isPresent()) {
                return new Submitted(sameRequestOrConflict(existing.get(), submission), false);
            }
        }
        quota.admit(tenant);
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
