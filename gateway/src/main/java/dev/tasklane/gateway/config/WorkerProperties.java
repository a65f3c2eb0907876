package dev.tasklane.gateway.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * How one worker process runs ({@code tasklane.worker.*}).
 *
 * @param maxConcurrentActivities      activity executions (webhook attempts, …)
 * @param maxConcurrentWorkflowTasks   workflow tasks
 * @param maxConcurrentLocalActivities local activities (lifecycle recording)
 * @param stickyExecution              whether a workflow's next tasks go to the worker that ran it last, which
 *                                     keeps it cached; turn off when several workers share Temporal's Java test
 *                                     server, which never hands a dead worker's sticky tasks to another
 */
@ConfigurationProperties("tasklane.worker")
public record WorkerProperties(int maxConcurrentActivities, int maxConcurrentWorkflowTasks,
                               int maxConcurrentLocalActivities,
                               @Bindable(defaultValue = "true") boolean stickyExecution) {
}
