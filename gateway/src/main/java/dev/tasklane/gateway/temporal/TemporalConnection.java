package dev.tasklane.gateway.temporal;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.ScopeCloseException;
import dev.tasklane.gateway.config.Role;
import dev.tasklane.gateway.config.TasklaneProperties;
import dev.tasklane.gateway.config.TemporalProperties;
import io.grpc.ManagedChannel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;

/**
 * The connection to Temporal: a running frontend when {@code tasklane.temporal.address} is set, otherwise (role
 * {@code all}) Temporal's dev server, started as a child of this process and supervised by it.
 */
@Singleton
public class TemporalConnection implements AutoCloseable {

    private static final Duration GATEWAY_RETRIES_FOR = Duration.ofSeconds(5);
    private static final int METRICS_REPORT_SECONDS = 10;

    private final TemporalDevServer devServer;
    private final String target;
    private final String webUiUrl;
    private final WorkflowServiceStubs stubs;
    private final Scope metrics;

    public TemporalConnection(TemporalProperties temporal, DevServerLaunch launch, TasklaneProperties tasklane,
                              @Nullable MeterRegistry meters) {
        WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder()
                .setRpcTimeout(Duration.ofSeconds(10));
        metrics = meters == null ? null : new RootScopeBuilder()
                .reporter(new MicrometerClientStatsReporter(meters))
                .reportEvery(com.uber.m3.util.Duration.ofSeconds(METRICS_REPORT_SECONDS));
        if (metrics != null) {
            // the SDK's client and worker meters (temporal_*), next to Tasklane's own on /prometheus
            options.setMetricsScope(metrics);
        }
        if (tasklane.role() == Role.GATEWAY) {
            // A gateway answers 503 soon rather than holding a submission while it retries an absent Temporal.
            options.setRpcRetryOptions(RpcRetryOptions.newBuilder().setExpiration(GATEWAY_RETRIES_FOR)
                    .validateBuildWithDefaults());
        }
        devServer = launch.await().orElse(null);
        if (devServer != null) {
            target = devServer.address();
        } else {
            target = temporal.hasExternalAddress() ? temporal.address() : "127.0.0.1:7233";
        }
        webUiUrl = temporal.webUiUrl() != null && !temporal.webUiUrl().isBlank() ? temporal.webUiUrl()
                : devServer == null ? null : devServer.webUiUrl().orElse(null);
        stubs = WorkflowServiceStubs.newServiceStubs(options.setTarget(target).build());
        if (devServer != null) {
            try {
                devServer.awaitNamespace(stubs, temporal.namespace());
            } catch (RuntimeException e) {
                close();
                throw e;
            }
            // after a restart, connect at once instead of after gRPC's reconnect backoff
            devServer.onRestart(() -> ((ManagedChannel) stubs.getRawChannel()).resetConnectBackoff());
        }
    }

    public WorkflowServiceStubs stubs() {
        return stubs;
    }

    /** host:port of the Temporal frontend in use. */
    public String target() {
        return target;
    }

    /** Base URL of the Temporal Web UI: the one configured, else the dev server's, if it serves one. */
    public Optional<String> webUiUrl() {
        return Optional.ofNullable(webUiUrl).map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    /** The dev server this process runs, in role all without an address. */
    public Optional<TemporalDevServer> devServer() {
        return Optional.ofNullable(devServer);
    }

    @PreDestroy
    @Override
    public void close() {
        if (stubs != null) {
            stubs.shutdown();
            stubs.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        }
        if (metrics != null) {
            try {
                metrics.close();
            } catch (ScopeCloseException alreadyClosed) {
                // nothing left to report
            }
        }
    }
}
