package dev.tasklane.gateway.tasks;

import dev.tasklane.activities.metrics.TaskMetrics;
import dev.tasklane.gateway.problem.ProblemException;
import dev.tasklane.gateway.problem.ProblemType;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.store.JsonColumns;
import dev.tasklane.store.task.TaskRepository;
import dev.tasklane.store.task.TaskRow;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Checks the caller may submit the type and the tenant has room, writes the catalog row, then starts the
 * workflow; undoes the row if Temporal refuses, so no half-written task remains. An idempotency key is its
 * sender's own: it maps to one deterministic task ID per tenant and owner, so two callers' equal keys make two tasks.
 */
@Singleton
public class TaskSubmitter {

    private static final Logger LOG = LoggerFactory.getLogger(TaskSubmitter.class);

    private final TaskRepository tasks;
    private final TaskLauncher launcher;
    private final TenantQuota quota;
    private final TransactionOperations<Connection> transactions;
    private final TaskMetrics metrics;
    private final JsonColumns json;
    private final PayloadSecrets secrets;
    private final TaskQueues queues;
    private final Clock clock;

    public TaskSubmitter(TaskRepository tasks, TaskLauncher launcher, TenantQuota quota,
                         TransactionOperations<Connection> transactions, TaskMetrics metrics, JsonColumns json,
                         PayloadSecrets secrets, Clock clock, TaskQueues queues) {
        this.tasks = tasks;
        this.launcher = launcher;
        this.quota = quota;
        this.transactions = transactions;
        this.metrics = metrics;
        this.json = json;
        this.secrets = secrets;
        this.queues = queues;
        this.clock = clock;
    }

    /** The outcome of a submission: the task, and whether this call created it. */
    public record Submitted(TaskRow task, boolean created) {
    }

    /** Submits a task the caller owns. */
    public Submitted submit(ValidSubmission submission, Caller caller) {
        return submit(submission, caller, caller.subject(), null, null);
    }

    /** Submits {@code original}'s input again as a new task of the same owner that names it. */
    public Submitted resubmit(ValidSubmission submission, Caller caller, TaskRow original) {
        return submit(submission, caller, original.owner(), original.id(), null);
    }

    /** Submits a run of the schedule {@code scheduleId} as a task of the caller (its owner) that names it. */
    public Submitted submitScheduled(ValidSubmission submission, Caller caller, String scheduleId) {
        return submit(submission, caller, caller.subject(), null, scheduleId);
    }

    /** A child of a batch: the task ID the batch gives it and its checked submission. */
    public record BatchChild(String id, ValidSubmission submission) {
    }

    /**
     * Submits a batch: a catalog row for every child (queued, owned by the caller) and one for the batch, whose
     * workflow then starts the children. Every child counts against the tenant's and the caller's quotas and may
     * refer only to what the caller may see. If Temporal refuses the batch, every row is removed again.
     */
    public Submitted submitBatch(ValidSubmission batch, List<BatchChild> children, Caller caller) {
        return submitBatch(batch, children, caller, caller.subject(), null);
    }

    /** Submits {@code original}'s items again as a new batch of new tasks of the same owner, naming it. */
    public Submitted resubmitBatch(ValidSubmission batch, List<BatchChild> children, Caller caller, TaskRow original) {
        return submitBatch(batch, children, caller, original.owner(), original.id());
    }

    private Submitted submitBatch(ValidSubmission batch, List<BatchChild> children, Caller caller, String owner,
                                  String retryOf) {
        mayCreate(batch, caller);
        children.forEach(child -> {
            mayCreate(child.submission(), caller);
            mayRefer(child.submission(), caller);
        });
        String tenant = caller.tenant();
        quota.admit(caller, owner, children.size() + 1, false);
        List<ValidSubmission> all = new ArrayList<>(children.stream().map(BatchChild::submission).toList());
        all.add(batch);
        admitToQueues(all);
        List<TaskRow> rows = new ArrayList<>();
        children.forEach(child -> rows.add(newRow(child.submission(), child.id(), tenant, owner, null, null)));
        TaskRow batchRow = newRow(batch, tenant, owner, retryOf, null);
        rows.add(batchRow);
        transactions.executeWrite(status -> tasks.saveAll(rows));
        try {
            launcher.start(batchRow);
        } catch (RuntimeException e) {
            transactions.executeWrite(status -> {
                rows.forEach(row -> tasks.deleteById(row.id()));
                return null;
            });
            LOG.warn("could not start batch {}: {}", batchRow.id(), e.toString());
            throw new ProblemException(ProblemType.TEMPORAL_UNAVAILABLE,
                    "Temporal did not accept the batch (" + e.getMessage() + "); nothing was stored, submit again later");
        }
        metrics.submitted(batch.type().name());
        children.forEach(child -> metrics.submitted(child.submission().type().name()));
        return new Submitted(batchRow, true);
    }

    /** A 429 when the submissions to run now would pass the cap of a task queue they run on. */
    private void admitToQueues(List<ValidSubmission> submissions) {
        Map<String, Integer> byQueue = new TreeMap<>();
        submissions.stream().filter(submission -> submission.runAt() == null)
                .forEach(submission -> byQueue.merge(queues.of(submission.type().name()), 1, Integer::sum));
        byQueue.forEach((queue, count) -> quota.admitToQueue(queue, queues.typesOn(queue), count));
    }

    /** A fresh task ID of {@code type}. */
    public static String newId(TaskType<?> type) {
        return type.name() + "-" + UUID.randomUUID();
    }

    /** A 403 unless the caller holds the role {@code submission}'s task type needs. */
    public static void mayCreate(ValidSubmission submission, Caller caller) {
        String needed = submission.type().requiredRole();
        if (!caller.has(needed)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "task type '" + submission.type().name()
                    + "' is privileged and needs role " + needed + "; your token grants " + caller.roles());
        }
    }

    /**
     * A 404 naming the payload field unless everything {@code submission} refers to (a document, a task) is the
     * caller's to see; checked before anything is written.
     */
    public void mayRefer(ValidSubmission submission, Caller caller) {
        if (submission.type() instanceof ReferringTaskType<?> referring) {
            checkReferences(referring, submission.inputJson(), caller);
        }
    }

    private <P> void checkReferences(ReferringTaskType<P> type, String inputJson, Caller caller) {
        type.checkReferences(json.read(inputJson, type.payloadType()), caller);
    }

    private Submitted submit(ValidSubmission submission, Caller caller, String owner, String retryOf,
                             String scheduleId) {
        mayCreate(submission, caller);
        mayRefer(submission, caller);
        String tenant = caller.tenant();
        if (submission.idempotencyKey() != null) {
            Optional<TaskRow> existing = tasks.findByTenantAndOwnerAndIdempotencyKey(tenant, owner,
                    submission.idempotencyKey());
            if (existing.isPresent()) {
                return new Submitted(sameRequestOrConflict(existing.get(), submission), false);
            }
        }
        quota.admit(caller, owner, 1, submission.runAt() != null);
        admitToQueues(List.of(submission));
        TaskRow row = newRow(submission, tenant, owner, retryOf, scheduleId);
        try {
            tasks.save(row);
        } catch (DataAccessException duplicate) {
            TaskRow winner = tasks.findByTenantAndOwnerAndIdempotencyKey(tenant, owner, Objects.requireNonNull(
                    submission.idempotencyKey(), "a task ID collided without an idempotency key"))
                    .orElseThrow(() -> duplicate);
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
        metrics.submitted(submission.type().name());
        return new Submitted(row, true);
    }

    /**
     * The caller's own earlier task under the key, when it is the same request; a 409 naming it otherwise. The
     * earlier input is compared sealed as it would be now, so a task stored before a header was sealed still matches.
     */
    private TaskRow sameRequestOrConflict(TaskRow existing, ValidSubmission submission) {
        if (!existing.type().equals(submission.type().name())
                || !secrets.sealed(existing.type(), existing.inputJson()).equals(submission.inputJson())) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED, "idempotency key '"
                    + submission.idempotencyKey() + "' already belongs to task " + existing.id()
                    + " with a different type or payload; use a new key for a different request");
        }
        return existing;
    }

    /** {@code prefix-<uuid>}, the same for the same tenant and key: a task or schedule ID a repeat cannot duplicate. */
    public static String stableId(String prefix, String tenant, String key) {
        return prefix + "-" + UUID.nameUUIDFromBytes((tenant + "\n" + key).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The task ID {@code owner}'s key {@code key} stands for; the owner comes first with its length, so no other
     * owner and key make the same ID.
     */
    private static String keyedId(TaskType<?> type, String tenant, String owner, String key) {
        return stableId(type.name(), tenant, owner.length() + ":" + owner + "\n" + key);
    }

    private TaskRow newRow(ValidSubmission submission, String tenant, String owner, String retryOf, String scheduleId) {
        String id = submission.idempotencyKey() == null
                ? newId(submission.type())
                : keyedId(submission.type(), tenant, owner, submission.idempotencyKey());
        return newRow(submission, id, tenant, owner, retryOf, scheduleId);
    }

    private TaskRow newRow(ValidSubmission submission, String id, String tenant, String owner, String retryOf,
                           String scheduleId) {
        String type = submission.type().name();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        TaskStatus status = submission.runAt() == null ? TaskStatus.QUEUED : TaskStatus.SCHEDULED;
        return new TaskRow(id, tenant, owner, type, status, submission.priority(), submission.inputJson(),
                submission.settingsJson(), null, null, null, null, 0, submission.idempotencyKey(), retryOf, now,
                submission.runAt() == null ? null : submission.runAt().truncatedTo(ChronoUnit.MICROS), null, null,
                scheduleId);
    }
}
