package dev.tasklane.gateway.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Where Temporal is ({@code tasklane.temporal.*}).
 *
 * @param address      host:port of an external Temporal frontend; empty starts the embedded server
 * @param namespace    Temporal namespace
 * @param taskQueue    the one task queue every task type shares
 * @param embeddedPort port of the embedded server on 127.0.0.1; 0 picks a free one
 */
@ConfigurationProperties("tasklane.temporal")
public record TemporalProperties(@Nullable String address, String namespace, String taskQueue, int embeddedPort) {

    public boolean hasExternalAddress() {
        return address != null && !address.isBlank();
    }
}
