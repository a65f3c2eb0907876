package dev.tasklane.gateway.schedule;

import dev.tasklane.activities.schedule.ScheduleRepository;
import dev.tasklane.activities.schedule.ScheduleRow;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.Async;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up, hands every stored schedule to its workflow again: the embedded server forgot them, and a real
 * Temporal may hold a definition older than the store's.
 */
@Context
@Requires(property = "tasklane.role", notEquals = "worker")
public class ScheduleRestore {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleRestore.class);

    private final ScheduleRepository store;
    private final Schedules schedules;

    public ScheduleRestore(ScheduleRepository store, Schedules schedules) {
        this.store = store;
        this.schedules = schedules;
    }

    @EventListener
    @Async(TaskExecutors.BLOCKING)
    void onStartup(StartupEvent event) {
        restore();
    }

    /** Applies each stored schedule; one Temporal refuses is logged and the rest go on. */
    void restore() {
        int restored = 0;
        for (ScheduleRow schedule : store.findAll()) {
            try {
                schedules.apply(schedule);
                restored++;
            } catch (RuntimeException e) {
                LOG.warn("schedule {} was not restored: {}", schedule.id(), e.toString());
            }
        }
        if (restored > 0) {
            LOG.info("restored {} schedules", restored);
        }
    }
}
