package dev.tasklane.gateway.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.stream.Stream;

/**
 * How one worker process runs ({@code tasklane.worker.*}).
 *
 * @param maxConcurrentActivities      activity executions (webhook attempts, …)
 * @param maxConcurrentWorkflowTasks   workflow tasks
 * @param maxConcurrentLocalActivities local activities (lifecycle recording)
 * @param queues                       the task queues it serves; with no queues and no task types, all of them
 * @param taskTypes                    task types it serves: the queues they run on, which must hold no other type
 */
@ConfigurationProperties("tasklane.worker")
public record WorkerProperties(int maxConcurrentActivities, int maxConcurrentWorkflowTasks,
                               int maxConcurrentLocalActivities, @Nullable List<String> queues,
                               @Nullable List<String> taskTypes) {

    /** Whether it serves every queue, having been given neither queues nor task types. */
    public boolean servesAll() {
        return Stream.concat(listed(queues), listed(taskTypes)).allMatch(String::isBlank);
    }

    private static Stream<String> listed(@Nullable List<String> setting) {
        return setting == null ? Stream.empty() : setting.stream();
    }
}
