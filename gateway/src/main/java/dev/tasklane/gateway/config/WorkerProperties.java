package dev.tasklane.gateway.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * How much one worker process runs at once ({@code tasklane.worker.*}).
 *
 * @param maxConcurrentActivities      activity executions (webhook attempts, …)
 * @param maxConcurrentWorkflowTasks   workflow tasks
 * @param maxConcurrentLocalActivities local activities (lifecycle recording)
 */
@ConfigurationProperties("tasklane.worker")
public record WorkerProperties(int maxConcurrentActivities, int maxConcurrentWorkflowTasks,
                               int maxConcurrentLocalActivities) {
}
