package dev.tasklane.gateway.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * Where Temporal is ({@code tasklane.temporal.*}).
 *
 * @param address   host:port of a running Temporal frontend; empty: role {@code all} starts Temporal's dev server
 * @param namespace Temporal namespace
 * @param taskQueue the task queue every task type shares unless a route gives it its own, and the platform's own
 *                  workflows (schedules' runs) use
 * @param routes    task types on their own task queue, each {@code type=queue}
 * @param webUiUrl  base URL of the Temporal Web UI that task pages link to; empty: the dev server's, in role all
 */
@ConfigurationProperties("tasklane.temporal")
public record TemporalProperties(@Nullable String address, String namespace, String taskQueue,
                                 @Nullable List<String> routes, @Nullable String webUiUrl) {

    public boolean hasExternalAddress() {
        return address != null && !address.isBlank();
    }
}
