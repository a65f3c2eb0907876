package dev.tasklane.gateway.worker;

import dev.tasklane.activities.progress.FailedAttempts;
import dev.tasklane.gateway.config.RunsWorker;
import dev.tasklane.gateway.config.TasklaneProperties;
import dev.tasklane.gateway.config.WorkerProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Temporal workers in the {@code all} and {@code worker} roles, from startup to shutdown: one per task queue
 * the process serves, each with the concurrency the settings give.
 */
@Context
@RunsWorker
public class WorkerHost {

    /** Heartbeats reach Temporal at least this often, so cancellation reaches a running activity within it. */
    private static final Duration HEARTBEAT_THROTTLE = Duration.ofSeconds(1);

    /** How long running activities may go on once the application stops; the long polls end only after it. */
    private static final Duration RUNNING_ACTIVITIES_GRACE = Duration.ofSeconds(2);
    private static final Duration CUT_OFF_WAIT = Duration.ofSeconds(5);

    private final WorkerFactory factory;

    public WorkerHost(WorkflowClient client, WorkerRegistration registration, WorkerProperties worker,
                      TasklaneProperties tasklane, FailedAttempts failedAttempts) {
        factory = WorkerFactory.newInstance(client,
                WorkerFactoryOptions.newBuilder().setWorkerInterceptors(failedAttempts).build());
        WorkerOptions options = WorkerOptions.newBuilder()
                .setMaxConcurrentActivityExecutionSize(worker.maxConcurrentActivities())
                .setMaxConcurrentWorkflowTaskExecutionSize(worker.maxConcurrentWorkflowTasks())
                .setMaxConcurrentLocalActivityExecutionSize(worker.maxConcurrentLocalActivities())
                .setMaxHeartbeatThrottleInterval(HEARTBEAT_THROTTLE)
                .build();
        for (String queue : registration.servedQueues()) {
            registration.registerOn(queue, factory.newWorker(queue, options));
        }
        factory.start();
    }

    public boolean isRunning() {
        return factory.isStarted() && !factory.isShutdown();
    }

    /**
     * Stops the worker when the application begins to stop: after the HTTP server, before the Temporal connection and
     * the store close under it. It takes no new work and gives running activities a moment to finish, then cuts off
     * what is left (Temporal runs those again) and the long polls, which the SDK then knows to be no failure.
     */
    @EventListener
    void onShutdown(ShutdownEvent stopping) throws InterruptedException {
        factory.shutdown();
        factory.awaitTermination(RUNNING_ACTIVITIES_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        if (!factory.isTerminated()) {
            factory.shutdownNow();
            factory.awaitTermination(CUT_OFF_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
