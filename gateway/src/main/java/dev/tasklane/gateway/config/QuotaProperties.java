package dev.tasklane.gateway.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * What one tenant may have in flight ({@code tasklane.quota.*}); 0 means no limit.
 *
 * @param maxUnfinishedTasks   tasks scheduled, queued, running or retrying at once
 * @param submissionsPerMinute new tasks in any sliding minute
 */
@ConfigurationProperties("tasklane.quota")
public record QuotaProperties(int maxUnfinishedTasks, int submissionsPerMinute) {
}
