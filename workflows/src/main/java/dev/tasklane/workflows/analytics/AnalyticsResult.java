package dev.tasklane.workflows.analytics;

import io.micronaut.serde.annotation.Serdeable;

/**
 * What an analytics run aggregated.
 *
 * @param days       the days aggregated, today included
 * @param tasks      finished tasks read
 * @param dailyRows  rows written per day, tenant and type
 * @param hourlyRows rows written per hour, tenant and type
 * @param allTenants whether it covered every tenant (a built-in schedule's run) or the task's own
 */
@Serdeable
public record AnalyticsResult(int days, long tasks, long dailyRows, long hourlyRows, boolean allTenants) {
}
