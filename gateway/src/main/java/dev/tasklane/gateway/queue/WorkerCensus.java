package dev.tasklane.gateway.queue;

import dev.tasklane.gateway.config.TemporalProperties;
import dev.tasklane.gateway.tasks.TaskQueues;
import dev.tasklane.gateway.worker.WorkerHost;
import io.grpc.Deadline;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.PollerInfo;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueResponse;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Which workers poll each task queue and how many tasks wait in it, as Temporal reports them, and whether this process
 * runs a worker itself. Never waits more than a second on Temporal.
 */
@Singleton
public class WorkerCensus {

    private static final long DEADLINE_MILLIS = 1000;
    private static final TaskQueueType[] KINDS = {TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
        TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY};

    /**
     * What is known of the workers.
     *
     * @param inThisProcess whether this process runs a worker
     * @param runningHere   whether that worker is running
     * @param pollers       the workers polling any task queue; null when Temporal did not answer in time
     * @param queues        each task queue, the shared one first
     */
    @Serdeable
    public record Workers(boolean inThisProcess, boolean runningHere, @Nullable Integer pollers,
                          List<QueueReading> queues) {

        /** Whether no worker at all can be seen taking tasks. */
        public boolean noneSeen() {
            return pollers != null ? pollers == 0 && !runningHere : inThisProcess && !runningHere;
        }
    }

    /**
     * One task queue as Temporal sees it, over every tenant; the numbers are null when Temporal did not answer in time.
     *
     * @param name              the task queue's name
     * @param taskTypes         the task types that run on it
     * @param pollers           the workers polling it
     * @param backlog           its tasks waiting for a worker (workflow and activity tasks), approximately
     * @param backlogAgeSeconds how long its oldest waiting task has waited
     */
    @Serdeable
    public record QueueReading(String name, List<String> taskTypes, @Nullable Integer pollers, @Nullable Long backlog,
                               @Nullable Double backlogAgeSeconds) {
    }

    private final WorkflowClient client;
    private final TemporalProperties temporal;
    private final TaskQueues queues;
    private final BeanProvider<WorkerHost> workerHost;

    public WorkerCensus(WorkflowClient client, TemporalProperties temporal, TaskQueues queues,
                        BeanProvider<WorkerHost> workerHost) {
        this.client = client;
        this.temporal = temporal;
        this.queues = queues;
        this.workerHost = workerHost;
    }

    public Workers count() {
        boolean local = workerHost.isPresent();
        Deadline deadline = Deadline.after(DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
        Set<String> identities = new HashSet<>();
        boolean answered = true;
        List<QueueReading> readings = new ArrayList<>();
        for (String queue : queues.all()) {
            QueueReading reading = read(queue, deadline, identities);
            answered &= reading.pollers() != null;
            readings.add(reading);
        }
        return new Workers(local, local && workerHost.get().isRunning(), answered ? identities.size() : null,
                readings);
    }

    private QueueReading read(String queue, Deadline deadline, Set<String> identities) {
        Set<String> polling = new HashSet<>();
        long backlog = 0;
        double oldest = 0;
        try {
            for (TaskQueueType kind : KINDS) {
                DescribeTaskQueueResponse described = client.getWorkflowServiceStubs().blockingStub()
                        .withDeadline(deadline)
                        .describeTaskQueue(DescribeTaskQueueRequest.newBuilder()
                                .setNamespace(temporal.namespace())
                                .setTaskQueue(TaskQueue.newBuilder().setName(queue))
                                .setTaskQueueType(kind)
                                .setReportStats(true)
                                .build());
                described.getPollersList().stream().map(PollerInfo::getIdentity).forEach(polling::add);
                backlog += described.getStats().getApproximateBacklogCount();
                com.google.protobuf.Duration age = described.getStats().getApproximateBacklogAge();
                oldest = Math.max(oldest, age.getSeconds() + age.getNanos() / 1e9);
            }
        } catch (StatusRuntimeException unknown) {
            return new QueueReading(queue, queues.typesOn(queue), null, null, null);
        }
        identities.addAll(polling);
        return new QueueReading(queue, queues.typesOn(queue), polling.size(), backlog, oldest);
    }
}
