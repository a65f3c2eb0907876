package dev.tasklane.gateway.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * How one worker process runs ({@code tasklane.worker.*}).
 *
 * @param maxConcurrentActivities      activity executions (webhook attempts, …)
 * @param maxConcurrentWorkflowTasks   workflow tasks
 * @param maxConcurrentLocalActivities local activities (lifecycle recording)
 */
@ConfigurationProperties("tasklane.worker")
public record WorkerProperties(int maxConcurrentActivities, int maxConcurrentWorkflowTasks,
                               int maxConcurrentLocalActivities) {
}
