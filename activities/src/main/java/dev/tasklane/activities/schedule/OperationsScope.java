package dev.tasklane.activities.schedule;

import dev.tasklane.store.schedule.ScheduleRepository;

import dev.tasklane.store.schedule.ScheduleRow;

import dev.tasklane.store.task.TaskRow;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/**
 * Which tenants an operations task (cleanup, analytics) covers: its own tenant, or every tenant when one of the
 * platform's built-in schedules started it.
 */
@Singleton
public class OperationsScope {

    private final ScheduleRepository schedules;

    public OperationsScope(ScheduleRepository schedules) {
        this.schedules = schedules;
    }

    /** The tenant {@code task} covers, or null for every tenant. */
    @Nullable
    public String tenantOf(TaskRow task) {
        boolean builtIn = task.scheduleId() != null
                && schedules.findById(task.scheduleId()).map(ScheduleRow::builtIn).orElse(false);
        return builtIn ? null : task.tenant();
    }
}
