package dev.tasklane.gateway.queue;

import dev.tasklane.gateway.config.TemporalProperties;
import dev.tasklane.gateway.worker.WorkerHost;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.PollerInfo;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Singleton;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Which workers poll the task queue: Temporal's list of recent pollers, and whether this process runs a worker
 * itself. Never waits more than a second on Temporal.
 */
@Singleton
public class WorkerCensus {

    private static final long DEADLINE_MILLIS = 1000;

    /** What is known of the workers; {@code pollers} is null when Temporal did not answer in time. */
    @Serdeable
    public record Workers(boolean inThisProcess, boolean runningHere, @Nullable Integer pollers) {

        /** Whether no worker at all can be seen taking tasks. */
        public boolean noneSeen() {
            return pollers != null ? pollers == 0 && !runningHere : inThisProcess && !runningHere;
        }
    }

    private final WorkflowClient client;
    private final TemporalProperties temporal;
    private final BeanProvider<WorkerHost> workerHost;

    public WorkerCensus(WorkflowClient client, TemporalProperties temporal, BeanProvider<WorkerHost> workerHost) {
        this.client = client;
        this.temporal = temporal;
        this.workerHost = workerHost;
    }

    public Workers count() {
        boolean local = workerHost.isPresent();
        return new Workers(local, local && workerHost.get().isRunning(), pollers());
    }

    private Integer pollers() {
        Set<String> identities = new HashSet<>();
        try {
            for (TaskQueueType type : new TaskQueueType[] {TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
                    TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY}) {
                client.getWorkflowServiceStubs().blockingStub()
                        .withDeadlineAfter(DEADLINE_MILLIS, TimeUnit.MILLISECONDS)
                        .describeTaskQueue(DescribeTaskQueueRequest.newBuilder()
                                .setNamespace(temporal.namespace())
                                .setTaskQueue(TaskQueue.newBuilder().setName(temporal.taskQueue()))
                                .setTaskQueueType(type)
                                .build())
                        .getPollersList().stream().map(PollerInfo::getIdentity).forEach(identities::add);
            }
        } catch (StatusRuntimeException unknown) {
            return null;
        }
        return identities.size();
    }
}
