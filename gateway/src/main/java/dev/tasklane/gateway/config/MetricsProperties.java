package dev.tasklane.gateway.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * How much of the Temporal SDK's meters {@code /prometheus} carries ({@code tasklane.metrics.*}).
 *
 * @param temporalPerType the SDK's meters per workflow, activity, signal, query and update type; off, they are summed
 *                        over the types, which keeps every scrape small however many task types run
 */
@ConfigurationProperties("tasklane.metrics")
public record MetricsProperties(@Bindable(defaultValue = "false") boolean temporalPerType) {
}
