package dev.tasklane.gateway.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * What one tenant, and one owner (the user a task belongs to) within it, may have in flight
 * ({@code tasklane.quota.*}); 0 means no limit. The owner's limits sit below the tenant's, so no one user can fill it.
 *
 * @param maxUnfinishedTasks           a tenant's tasks scheduled, queued, running or retrying at once
 * @param submissionsPerMinute         a tenant's new tasks in any sliding minute
 * @param maxUnfinishedTasksPerOwner   one owner's unfinished tasks at once
 * @param maxScheduledTasksPerOwner    one owner's tasks scheduled for later ({@code runAt}) at once
 * @param submissionsPerMinutePerOwner one owner's new tasks in any sliding minute
 * @param maxQueuedTasks               a tenant's tasks ready to run but not started (QUEUED or WAITING) at once
 * @param maxQueuedTasksPerQueue       the tasks of every tenant ready to run but not started on one task queue
 */
@ConfigurationProperties("tasklane.quota")
public record QuotaProperties(int maxUnfinishedTasks, int submissionsPerMinute, int maxUnfinishedTasksPerOwner,
                              int maxScheduledTasksPerOwner, int submissionsPerMinutePerOwner, int maxQueuedTasks,
                              int maxQueuedTasksPerQueue) {
}
