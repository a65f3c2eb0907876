package dev.tasklane.gateway.schedule;

import dev.tasklane.gateway.config.TemporalProperties;
import dev.tasklane.store.schedule.ScheduleRow;
import dev.tasklane.workflows.lifecycle.TaskSearchAttributes;
import dev.tasklane.workflows.schedule.ScheduledRunWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.core.annotation.Nullable;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleBackfill;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleState;
import io.temporal.client.schedules.ScheduleUpdate;
import io.temporal.common.SearchAttributes;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Each Tasklane schedule as a Temporal Schedule with the schedule's ID: its cron in its zone, its overlap policy and
 * catch-up window, and as action a {@link ScheduledRunWorkflow} that submits the schedule's task.
 */
@Singleton
public class TemporalSchedules {

    private final ScheduleClient client;
    private final TemporalProperties temporal;

    public TemporalSchedules(ScheduleClient client, TemporalProperties temporal) {
        this.client = client;
        this.temporal = temporal;
    }

    /** Makes the Temporal Schedule of {@code row} in the row's state, unless one with its ID exists; true if made. */
    public boolean create(ScheduleRow row, String note) {
        try {
            client.createSchedule(row.id(), Schedule.newBuilder(schedule(row))
                            .setState(state(new StateChange(!row.enabled(), note))).build(),
                    ScheduleOptions.newBuilder().setTypedSearchAttributes(attributes(row)).build());
            return true;
        } catch (ScheduleAlreadyRunningException exists) {
            return false;
        }
    }

    /**
     * Gives the Temporal Schedule {@code row}'s definition and {@code wanted}'s paused state; the note it has stays
     * when it is already paused or running as wanted.
     */
    public void update(ScheduleRow row, StateChange wanted) {
        client.getHandle(row.id()).update(input -> {
            ScheduleState current = input.getDescription().getSchedule().getState();
            return new ScheduleUpdate(Schedule.newBuilder(schedule(row))
                    .setState(current.isPaused() == wanted.paused() ? current : state(wanted)).build(),
                    attributes(row));
        });
    }

    /** Pauses ({@code paused}) or resumes the schedule, with {@code note} saying why. */
    public void setPaused(String id, boolean paused, String note) {
        if (paused) {
            client.getHandle(id).pause(note);
        } else {
            client.getHandle(id).unpause(note);
        }
    }

    /** Runs every fire time from {@code from} to {@code to} once, one after another. */
    public void backfill(String id, Instant from, Instant to) {
        client.getHandle(id).backfill(List.of(new ScheduleBackfill(from, to,
                ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_BUFFER_ALL)));
    }

    /** Removes the Temporal Schedule; one already gone is fine. Runs it started go on. */
    public void delete(String id) {
        try {
            client.getHandle(id).delete();
        } catch (RuntimeException e) {
            if (code(e) != Status.Code.NOT_FOUND) {
                throw e;
            }
        }
    }

    /** The schedule as Temporal has it, or empty when Temporal has none with that ID. */
    public Optional<ScheduleDescription> describe(String id) {
        try {
            return Optional.of(client.getHandle(id).describe());
        } catch (RuntimeException e) {
            if (code(e) == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** A paused state to set, and the note that says why. */
    public record StateChange(boolean paused, String note) {
    }

    /** The gRPC status code a Temporal call failed with, if it failed with one. */
    @Nullable
    static Status.Code code(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StatusRuntimeException status) {
                return status.getStatus().getCode();
            }
        }
        return null;
    }

    /** What the Temporal server said when it refused a call. */
    static String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StatusRuntimeException status) {
                return status.getStatus().getDescription();
            }
        }
        return failure.getMessage();
    }

    private Schedule schedule(ScheduleRow row) {
        return Schedule.newBuilder()
                .setAction(ScheduleActionStartWorkflow.newBuilder()
                        .setWorkflowType(ScheduledRunWorkflow.class)
                        .setArguments(row.id())
                        .setOptions(WorkflowOptions.newBuilder()
                                // Temporal appends each fire time to it
                                .setWorkflowId(row.id())
                                .setTaskQueue(temporal.taskQueue())
                                .setStaticSummary("schedule " + row.name() + " of " + row.tenant() + ": submits a "
                                        + row.taskType() + " task")
                                // the SDK reads the details back when it describes the schedule: never empty
                                .setStaticDetails(details(row))
                                .build())
                        .build())
                .setSpec(ScheduleSpec.newBuilder()
                        .setCronExpressions(List.of(row.cron()))
                        .setTimeZoneName(row.timezone())
                        .build())
                .setPolicy(SchedulePolicy.newBuilder()
                        .setOverlap(ScheduleOverlap.valueOf(row.overlapPolicy()).temporal())
                        .setCatchupWindow(Duration.ofSeconds(row.catchupWindowSeconds()))
                        .build())
                .build();
    }

    private static String details(ScheduleRow row) {
        return "tenant: " + row.tenant() + "\nowner: " + row.owner() + "\ntask type: " + row.taskType()
                + "\npriority: " + row.priority() + "\ncron: " + row.cron() + " (" + row.timezone() + ")";
    }

    private static ScheduleState state(StateChange change) {
        return ScheduleState.newBuilder().setPaused(change.paused()).setNote(change.note()).build();
    }

    private static SearchAttributes attributes(ScheduleRow row) {
        return TaskSearchAttributes.of(row.tenant(), row.taskType(), row.priority(), row.owner());
    }
}
