package dev.tasklane.gateway.worker;

import dev.tasklane.activities.lifecycle.CallbackActivitiesImpl;
import dev.tasklane.activities.lifecycle.TaskLifecycleActivitiesImpl;
import dev.tasklane.gateway.schedule.ScheduleActivitiesImpl;
import dev.tasklane.gateway.tasks.TaskType;
import dev.tasklane.gateway.tasks.TaskTypes;
import dev.tasklane.workflows.schedule.ScheduledRunWorkflowImpl;
import io.micronaut.context.BeanContext;
import io.temporal.worker.Worker;
import jakarta.inject.Singleton;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the worker runs, written out in one place: the platform's own workflow and activities (lifecycle, callbacks,
 * schedules), then each declared task type's workflow and the beans implementing the activities it declares.
 */
@Singleton
public class WorkerRegistration {

    private final Set<Class<?>> workflowImplementations = new LinkedHashSet<>();
    private final Set<Object> activityImplementations = new LinkedHashSet<>();

    public WorkerRegistration(TaskTypes types, BeanContext beans, TaskLifecycleActivitiesImpl lifecycle,
                              CallbackActivitiesImpl callbacks, ScheduleActivitiesImpl schedule) {
        workflowImplementations.add(ScheduledRunWorkflowImpl.class);
        activityImplementations.addAll(List.of(lifecycle, callbacks, schedule));
        for (TaskType<?> type : types.all()) {
            workflowImplementations.add(type.workflow().implementation());
            for (Class<?> activities : type.workflow().activities()) {
                activityImplementations.add(beans.getBean(activities));
            }
        }
    }

    void registerOn(Worker worker) {
        worker.registerWorkflowImplementationTypes(workflowImplementations.toArray(Class<?>[]::new));
        worker.registerActivitiesImplementations(activityImplementations.toArray());
    }

    Set<Class<?>> workflowImplementations() {
        return Set.copyOf(workflowImplementations);
    }

    Set<Object> activityImplementations() {
        return Set.copyOf(activityImplementations);
    }
}
