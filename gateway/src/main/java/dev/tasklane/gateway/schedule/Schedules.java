package dev.tasklane.gateway.schedule;

import dev.tasklane.activities.schedule.ScheduleRepository;
import dev.tasklane.activities.schedule.ScheduleRow;
import dev.tasklane.gateway.config.TemporalProperties;
import dev.tasklane.gateway.problem.ProblemException;
import dev.tasklane.gateway.problem.ProblemType;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.gateway.tasks.PayloadSecrets;
import dev.tasklane.gateway.tasks.TaskSubmitter;
import dev.tasklane.gateway.tasks.TaskTypes;
import dev.tasklane.gateway.tasks.ValidSubmission;
import dev.tasklane.workflows.schedule.ScheduleSpec;
import dev.tasklane.workflows.schedule.ScheduleWorkflow;
import io.micronaut.data.exceptions.DataAccessException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Keeps schedules: the store holds each definition, and a {@link ScheduleWorkflow} with the schedule's ID runs it.
 * Every change is written first and then signalled to the workflow (started with the signal when it does not run),
 * so the workflow always ends up with what the store says.
 */
@Singleton
public class Schedules {

    private static final Logger LOG = LoggerFactory.getLogger(Schedules.class);

    private final ScheduleRepository schedules;
    private final WorkflowClient client;
    private final TemporalProperties temporal;
    private final TaskSubmitter submitter;
    private final TaskTypes types;
    private final PayloadSecrets secrets;
    private final Clock clock;

    public Schedules(ScheduleRepository schedules, WorkflowClient client, TemporalProperties temporal,
                     TaskSubmitter submitter, TaskTypes types, PayloadSecrets secrets, Clock clock) {
        this.schedules = schedules;
        this.client = client;
        this.temporal = temporal;
        this.submitter = submitter;
        this.types = types;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** The stable ID of the tenant's schedule {@code name}: its workflow's ID. */
    public static String idOf(String tenant, String name) {
        return TaskSubmitter.stableId("schedule-" + name, tenant, name);
    }

    /** Creates the schedule and starts its workflow; 409 when the tenant has one of that name. */
    public ScheduleRow create(ValidSchedule schedule, Caller caller, boolean builtIn) {
        TaskSubmitter.mayCreate(schedule.submission(), caller);
        submitter.mayRefer(schedule.submission(), caller);
        if (schedules.findByTenantAndName(caller.tenant(), schedule.name()).isPresent()) {
            throw exists(schedule.name());
        }
        Instant now = now();
        ScheduleRow row = row(idOf(caller.tenant(), schedule.name()), caller.tenant(), caller.subject(), schedule,
                builtIn, now, now);
        try {
            schedules.save(row);
        } catch (DataAccessException raced) {
            throw exists(schedule.name());
        }
        try {
            apply(row);
        } catch (RuntimeException e) {
            schedules.deleteById(row.id());
            throw refused(e);
        }
        return row;
    }

    /** Replaces the definition of the caller's schedule {@code name}. */
    public ScheduleRow update(String name, ValidSchedule schedule, Caller caller) {
        TaskSubmitter.mayCreate(schedule.submission(), caller);
        submitter.mayRefer(schedule.submission(), caller);
        ScheduleRow current = require(name, caller);
        return change(current, row(current.id(), current.tenant(), caller.subject(), schedule, current.builtIn(),
                current.createdAt(), now()));
    }

    /** Pauses ({@code false}) or resumes the schedule. */
    public ScheduleRow setEnabled(String name, boolean enabled, Caller caller) {
        ScheduleRow r = require(name, caller);
        return change(r, new ScheduleRow(r.id(), r.tenant(), r.name(), r.owner(), r.cron(), r.timezone(), r.taskType(),
                r.inputJson(), r.settingsJson(), r.priority(), enabled, r.builtIn(), r.createdAt(), now()));
    }

    /** Submits a run now, beside the cron's own, as a task that names the schedule. */
    public TaskSubmitter.Submitted trigger(String name, Caller caller) {
        ScheduleRow row = require(name, caller);
        return submitter.submitScheduled(submission(row, null), caller, row.id());
    }

    /** Removes the schedule and ends its workflow; the tasks it started stay. */
    public void delete(String name, Caller caller) {
        ScheduleRow row = require(name, caller);
        schedules.deleteById(row.id());
        try {
            client.newUntypedWorkflowStub(row.id()).terminate("schedule deleted");
        } catch (WorkflowNotFoundException alreadyGone) {
            // not running: nothing to end
        }
    }

    public List<ScheduleRow> list(Caller caller) {
        return schedules.findByTenantOrderByName(caller.tenant());
    }

    public ScheduleRow require(String name, Caller caller) {
        return schedules.findByTenantAndName(caller.tenant(), name).orElseThrow(() -> new ProblemException(
                ProblemType.SCHEDULE_NOT_FOUND, "no schedule named '" + name + "'"));
    }

    /**
     * What a run of {@code row} submits, under {@code idempotencyKey} when one is given; its credentials sealed as
     * a submission's are now, should the schedule have been stored under earlier rules.
     */
    public ValidSubmission submission(ScheduleRow row, String idempotencyKey) {
        return new ValidSubmission(types.require(row.taskType()), secrets.sealed(row.taskType(), row.inputJson()),
                row.priority(), null, idempotencyKey, row.settingsJson());
    }

    /** Hands the stored definition to the schedule's workflow, starting it if it does not run. */
    public void apply(ScheduleRow row) {
        ScheduleSpec spec = row.spec();
        client.newUntypedWorkflowStub(ScheduleWorkflow.class.getSimpleName(), WorkflowOptions.newBuilder()
                        .setWorkflowId(row.id())
                        .setTaskQueue(temporal.taskQueue())
                        .setStaticSummary("schedule " + row.name() + ": " + row.taskType())
                        .build())
                .signalWithStart("apply", new Object[] {spec}, new Object[] {spec});
    }

    /** Stores {@code next} and applies it; if Temporal does not take it, {@code previous} is stored again. */
    private ScheduleRow change(ScheduleRow previous, ScheduleRow next) {
        schedules.update(next);
        try {
            apply(next);
        } catch (RuntimeException e) {
            schedules.update(previous);
            throw refused(e);
        }
        return next;
    }

    private static ScheduleRow row(String id, String tenant, String owner, ValidSchedule schedule, boolean builtIn,
                                   Instant createdAt, Instant updatedAt) {
        ValidSubmission run = schedule.submission();
        return new ScheduleRow(id, tenant, schedule.name(), owner, schedule.cron(), schedule.timezone(),
                run.type().name(), run.inputJson(), run.settingsJson(), run.priority(), schedule.enabled(), builtIn,
                createdAt, updatedAt);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static ProblemException exists(String name) {
        return new ProblemException(ProblemType.SCHEDULE_EXISTS, "a schedule named '" + name + "' exists; change it"
                + " with PUT /api/schedules/" + name + " or choose another name");
    }

    private static ProblemException refused(RuntimeException e) {
        LOG.warn("Temporal did not take a schedule change: {}", e.toString());
        return new ProblemException(ProblemType.TEMPORAL_UNAVAILABLE, "Temporal did not take the schedule ("
                + e.getMessage() + "); nothing was changed, try again later");
    }
}
