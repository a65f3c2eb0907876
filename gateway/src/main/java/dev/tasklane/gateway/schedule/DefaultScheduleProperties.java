package dev.tasklane.gateway.schedule;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The platform's own schedules ({@code tasklane.schedules.defaults.*}), created at start-up when missing. They belong
 * to the operator tenant, whose ADMINs may pause or change them, and their runs cover every tenant.
 *
 * @param timezone      the zone their crons are read in
 * @param cleanup       whether the daily cleanup exists
 * @param cleanupCron   when it runs
 * @param analytics     whether the daily analytics exists
 * @param analyticsCron when it runs
 */
@ConfigurationProperties("tasklane.schedules.defaults")
public record DefaultScheduleProperties(@Bindable(defaultValue = "UTC") String timezone,
                                        @Bindable(defaultValue = "true") boolean cleanup,
                                        @Bindable(defaultValue = "0 3 * * *") String cleanupCron,
                                        @Bindable(defaultValue = "true") boolean analytics,
                                        @Bindable(defaultValue = "15 0 * * *") String analyticsCron) {
}
