package dev.tasklane.gateway.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How role {@code all} runs Temporal's dev server ({@code tasklane.temporal.dev-server.*}).
 *
 * @param cli          the Temporal CLI to run; empty: the build's pinned copy beside the jar, then {@code temporal}
 *                     on PATH
 * @param port         gRPC port on 127.0.0.1; 0 picks a free one
 * @param uiPort       Web UI port on 127.0.0.1; 0 picks a free one, -1 runs without the Web UI
 * @param startTimeout how long a start may take before Tasklane gives up on it
 * @param persistent   whether Temporal's state lives in {@code temporal.db} in the data directory (false: in memory,
 *                     gone when the server stops)
 */
@ConfigurationProperties("tasklane.temporal.dev-server")
public record DevServerProperties(@Nullable String cli,
                                  @Bindable(defaultValue = "7233") int port,
                                  @Bindable(defaultValue = "8233") int uiPort,
                                  @Bindable(defaultValue = "60s") Duration startTimeout,
                                  @Bindable(defaultValue = "true") boolean persistent) {

    public boolean hasWebUi() {
        return uiPort >= 0;
    }
}
