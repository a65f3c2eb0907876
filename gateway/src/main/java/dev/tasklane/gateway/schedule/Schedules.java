package dev.tasklane.gateway.schedule;

import dev.tasklane.gateway.problem.ProblemException;
import dev.tasklane.gateway.problem.ProblemType;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.gateway.tasks.PayloadSecrets;
import dev.tasklane.gateway.tasks.TaskSubmitter;
import dev.tasklane.gateway.tasks.TaskTypes;
import dev.tasklane.gateway.tasks.ValidSubmission;
import dev.tasklane.store.schedule.ScheduleRepository;
import dev.tasklane.store.schedule.ScheduleRow;
import io.grpc.Status;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Keeps schedules: the store holds each definition and who owns it, and a Temporal Schedule with the schedule's ID
 * runs it. A change is written to the store and then given to Temporal; if Temporal does not take it, the store is
 * put back, so the two never disagree about a definition. Whether a schedule is paused is Temporal's to say.
 */
@Singleton
public class Schedules {

    private static final Logger LOG = LoggerFactory.getLogger(Schedules.class);

    private final ScheduleRepository schedules;
    private final TemporalSchedules temporal;
    private final ScheduleReader reader;
    private final TaskSubmitter submitter;
    private final TaskTypes types;
    private final PayloadSecrets secrets;
    private final Clock clock;

    public Schedules(ScheduleRepository schedules, TemporalSchedules temporal, ScheduleReader reader,
                     TaskSubmitter submitter, TaskTypes types, PayloadSecrets secrets, Clock clock) {
        this.schedules = schedules;
        this.temporal = temporal;
        this.reader = reader;
        this.submitter = submitter;
        this.types = types;
        this.secrets = secrets;
        this.clock = clock;
    }

    /**
     * The stable ID of the tenant's schedule {@code name}, unique in the Temporal namespace because the tenant is part
     * of it: its Temporal Schedule's ID.
     */
    public static String idOf(String tenant, String name) {
        return TaskSubmitter.stableId("schedule-" + name, tenant, name);
    }

    /** Creates the schedule and its Temporal Schedule; 409 when the tenant has one of that name. */
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
            TemporalSchedules.StateChange state = state(row.enabled(),
                    (row.enabled() ? "created by " : "created paused by ") + caller.subject());
            if (!temporal.create(row, state.note())) {
                // left in Temporal by an earlier schedule of that name the store no longer has
                temporal.update(row, state);
            }
        } catch (RuntimeException e) {
            schedules.deleteById(row.id());
            throw refused(e);
        }
        return row;
    }

    /** Replaces the definition of the caller's schedule {@code name}; its note stays unless it is paused or resumed. */
    public ScheduleRow update(String name, ValidSchedule schedule, Caller caller) {
        TaskSubmitter.mayCreate(schedule.submission(), caller);
        submitter.mayRefer(schedule.submission(), caller);
        ScheduleRow current = require(name, caller);
        ScheduleRow next = row(current.id(), current.tenant(), caller.subject(), schedule, current.builtIn(),
                current.createdAt(), now());
        return change(current, next, true, state(next.enabled(), (next.enabled() ? "resumed by " : "paused by ")
                + caller.subject()));
    }

    /** Pauses ({@code false}) or resumes the schedule, with the caller's note or one naming the caller. */
    public ScheduleRow setEnabled(String name, boolean enabled, @Nullable String note, Caller caller) {
        ScheduleRow r = require(name, caller);
        String said = note != null ? note : (enabled ? "resumed by " : "paused by ") + caller.subject();
        return change(r, new ScheduleRow(r.id(), r.tenant(), r.name(), r.owner(), r.cron(), r.timezone(), r.taskType(),
                r.inputJson(), r.settingsJson(), r.priority(), enabled, r.builtIn(), r.createdAt(), now(),
                r.overlapPolicy(), r.catchupWindowSeconds()), false, state(enabled, said));
    }

    /** Submits a run now, beside the cron's own, as a task that names the schedule. */
    public TaskSubmitter.Submitted trigger(String name, Caller caller) {
        ScheduleRow row = require(name, caller);
        return submitter.submitScheduled(submission(row, null), caller, row.id());
    }

    /** Has Temporal run every fire time of the range in {@code body} once, one after another. */
    public ScheduleRow backfill(String name, @Nullable JsonNode body, Caller caller) {
        ScheduleRow row = require(name, caller);
        ScheduleReader.Backfill range = reader.backfill(body, row.cron(), row.timezone());
        try {
            temporal.backfill(row.id(), range.from(), range.to());
        } catch (RuntimeException e) {
            throw refused(e);
        }
        return row;
    }

    /** Removes the Temporal Schedule and then the definition; the tasks it started stay. */
    public void delete(String name, Caller caller) {
        ScheduleRow row = require(name, caller);
        try {
            temporal.delete(row.id());
        } catch (RuntimeException e) {
            throw refused(e);
        }
        schedules.deleteById(row.id());
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

    /**
     * Stores {@code next} and gives Temporal its definition (when {@code redefined}) or only its state, making the
     * Temporal Schedule again if Temporal has lost it; if Temporal does not take it, {@code previous} is stored again.
     */
    private ScheduleRow change(ScheduleRow previous, ScheduleRow next, boolean redefined,
                               TemporalSchedules.StateChange state) {
        schedules.update(next);
        try {
            if (temporal.describe(next.id()).isEmpty()) {
                temporal.create(next, state.note());
            } else if (redefined) {
                temporal.update(next, state);
            } else {
                temporal.setPaused(next.id(), state.paused(), state.note());
            }
        } catch (RuntimeException e) {
            schedules.update(previous);
            throw refused(e);
        }
        return next;
    }

    private static TemporalSchedules.StateChange state(boolean enabled, String note) {
        return new TemporalSchedules.StateChange(!enabled, note);
    }

    private static ScheduleRow row(String id, String tenant, String owner, ValidSchedule schedule, boolean builtIn,
                                   Instant createdAt, Instant updatedAt) {
        ValidSubmission run = schedule.submission();
        return new ScheduleRow(id, tenant, schedule.name(), owner, schedule.cron(), schedule.timezone(),
                run.type().name(), run.inputJson(), run.settingsJson(), run.priority(), schedule.enabled(), builtIn,
                createdAt, updatedAt, schedule.overlapPolicy().name(), schedule.catchupWindowSeconds());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static ProblemException exists(String name) {
        return new ProblemException(ProblemType.SCHEDULE_EXISTS, "a schedule named '" + name + "' exists; change it"
                + " with PUT /api/schedules/" + name + " or choose another name");
    }

    /**
     * A 400 naming the cron when Temporal finds the spec invalid; a 503 when Temporal did not answer or lacks the
     * search attributes a schedule carries.
     */
    private static ProblemException refused(RuntimeException e) {
        if (e instanceof ProblemException problem) {
            return problem;
        }
        if (TemporalSchedules.code(e) == Status.Code.INVALID_ARGUMENT
                && !String.valueOf(TemporalSchedules.reason(e)).contains("search attribute")) {
            return ProblemException.invalid("cron", "Temporal does not take it: " + TemporalSchedules.reason(e));
        }
        LOG.warn("Temporal did not take a schedule change: {}", TemporalSchedules.reason(e), e);
        return new ProblemException(ProblemType.TEMPORAL_UNAVAILABLE, "Temporal did not take the schedule ("
                + TemporalSchedules.reason(e) + "); nothing was changed, try again later");
    }
}
