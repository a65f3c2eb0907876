package dev.tasklane.gateway.worker;

import dev.tasklane.activities.document.ReembeddingActivitiesImpl;
import dev.tasklane.activities.lifecycle.CallbackActivitiesImpl;
import dev.tasklane.activities.lifecycle.TaskLifecycleActivitiesImpl;
import dev.tasklane.gateway.config.WorkerProperties;
import dev.tasklane.gateway.document.DocumentPipelineTaskType;
import dev.tasklane.gateway.schedule.ScheduleActivitiesImpl;
import dev.tasklane.gateway.tasks.TaskQueues;
import dev.tasklane.gateway.tasks.TaskType;
import dev.tasklane.gateway.tasks.TaskTypes;
import dev.tasklane.workflows.document.ReembeddingWorkflowImpl;
import dev.tasklane.workflows.schedule.ScheduledRunWorkflowImpl;
import io.micronaut.context.BeanContext;
import io.micronaut.context.exceptions.ConfigurationException;
import io.temporal.worker.Worker;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the worker runs, written out in one place: the platform's own workflows and activities (lifecycle, callbacks,
 * schedules, re-embedding documents), then each declared task type's workflow on the queue it is routed to and the beans implementing the
 * activities it declares; and which queues this process serves.
 */
@Singleton
public class WorkerRegistration {

    private final Map<String, Set<Class<?>>> workflowsByQueue = new LinkedHashMap<>();
    private final Set<Object> activityImplementations = new LinkedHashSet<>();
    private final List<String> served;

    public WorkerRegistration(TaskTypes types, TaskQueues queues, WorkerProperties worker, BeanContext beans,
                              TaskLifecycleActivitiesImpl lifecycle, CallbackActivitiesImpl callbacks,
                              ScheduleActivitiesImpl schedule, ReembeddingActivitiesImpl reembedding) {
        queues.all().forEach(queue -> workflowsByQueue.put(queue, new LinkedHashSet<>()));
        workflowsByQueue.get(queues.shared()).add(ScheduledRunWorkflowImpl.class);
        workflowsByQueue.get(queues.of(DocumentPipelineTaskType.NAME)).add(ReembeddingWorkflowImpl.class);
        activityImplementations.addAll(List.of(lifecycle, callbacks, schedule, reembedding));
        for (TaskType<?> type : types.all()) {
            workflowsByQueue.get(queues.of(type.name())).add(type.workflow().implementation());
            for (Class<?> activities : type.workflow().activities()) {
                activityImplementations.add(beans.getBean(activities));
            }
        }
        served = served(worker, queues, types);
    }

    /** The queues named by the worker's settings: all of them, the listed ones, or those of the listed types. */
    private static List<String> served(WorkerProperties worker, TaskQueues queues, TaskTypes types) {
        if (worker.servesAll()) {
            return queues.all();
        }
        Set<String> served = new LinkedHashSet<>();
        for (String queue : TaskQueues.entries(worker.queues())) {
            if (!queues.all().contains(queue)) {
                throw new ConfigurationException("TASKLANE_WORKER_QUEUES names task queue " + queue
                        + ", which no task type runs on; the queues are " + String.join(", ", queues.all()));
            }
            served.add(queue);
        }
        List<String> chosenTypes = TaskQueues.entries(worker.taskTypes());
        for (String type : chosenTypes) {
            if (types.find(type).isEmpty()) {
                throw new ConfigurationException("TASKLANE_WORKER_TASK_TYPES names " + type
                        + ", which is no task type; the types are " + types.names());
            }
            String queue = queues.of(type);
            List<String> others = queues.typesOn(queue).stream().filter(t -> !chosenTypes.contains(t)).toList();
            if (!served.contains(queue) && !others.isEmpty()) {
                throw new ConfigurationException("task type " + type + " shares task queue " + queue + " with "
                        + String.join(", ", others) + "; route it to a queue of its own (TASKLANE_TASK_QUEUE_ROUTES) "
                        + "or list the queue in TASKLANE_WORKER_QUEUES");
            }
            served.add(queue);
        }
        return List.copyOf(served);
    }

    /** The task queues this process's worker polls, one Temporal worker each. */
    List<String> servedQueues() {
        return served;
    }

    /** Registers on {@code worker} the workflows that run on {@code queue}, and every activity. */
    void registerOn(String queue, Worker worker) {
        worker.registerWorkflowImplementationTypes(workflowsByQueue.get(queue).toArray(Class<?>[]::new));
        worker.registerActivitiesImplementations(activityImplementations.toArray());
    }

    Set<Class<?>> workflowImplementations() {
        Set<Class<?>> all = new LinkedHashSet<>();
        workflowsByQueue.values().forEach(all::addAll);
        return all;
    }

    Set<Object> activityImplementations() {
        return Set.copyOf(activityImplementations);
    }
}
