package dev.tasklane.gateway.schedule;

import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.store.schedule.ScheduleRepository;
import dev.tasklane.store.schedule.ScheduleRow;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.Async;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up, makes a Temporal Schedule for every stored schedule that has none: those kept before schedules ran on
 * Temporal Schedules, and any a new or wiped Temporal lacks. One Temporal has is left as it is. The timer workflow
 * that ran a schedule before, under the schedule's ID, is ended when its Temporal Schedule is made.
 */
@Context
@ServesApi
public class ScheduleCarryOver {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleCarryOver.class);

    private final ScheduleRepository store;
    private final TemporalSchedules temporal;
    private final WorkflowClient client;

    public ScheduleCarryOver(ScheduleRepository store, TemporalSchedules temporal, WorkflowClient client) {
        this.store = store;
        this.temporal = temporal;
        this.client = client;
    }

    @EventListener
    @Async(TaskExecutors.BLOCKING)
    void onStartup(StartupEvent event) {
        carryOver();
    }

    /** Makes the missing Temporal Schedules; one Temporal refuses is logged and the rest go on. */
    void carryOver() {
        int made = 0;
        for (ScheduleRow schedule : store.findAll()) {
            try {
                if (temporal.create(schedule, "carried over from the store")) {
                    endTimerWorkflow(schedule.id());
                    made++;
                }
            } catch (RuntimeException e) {
                LOG.warn("schedule {} was not carried over to a Temporal Schedule: {}", schedule.id(), e.toString());
            }
        }
        if (made > 0) {
            LOG.info("carried {} schedules over to Temporal Schedules", made);
        }
    }

    private void endTimerWorkflow(String scheduleId) {
        try {
            client.newUntypedWorkflowStub(scheduleId).terminate("the schedule runs as a Temporal Schedule now");
        } catch (WorkflowNotFoundException none) {
            // no timer workflow runs under the schedule's ID
        }
    }
}
