package dev.tasklane.gateway.temporal;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.ScopeCloseException;
import dev.tasklane.gateway.config.Role;
import dev.tasklane.gateway.config.TasklaneProperties;
import dev.tasklane.gateway.config.TemporalProperties;
import dev.tasklane.gateway.config.WorkerProperties;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

/**
 * The connection to Temporal: an external frontend when {@code tasklane.temporal.address} is set, otherwise
 * (role {@code all}) Temporal's Java test server started in-process, in real time. The embedded server
 * listens on 127.0.0.1 only, for the Web UI, CLI and other clients; this process itself reaches it through
 * gRPC's in-process transport, which skips the network stack and message encoding.
 */
@Singleton
public class TemporalConnection implements AutoCloseable {

    private static final Duration GATEWAY_RETRIES_FOR = Duration.ofSeconds(5);
    private static final int METRICS_REPORT_SECONDS = 10;

    private final TestServicesStarter embeddedServices;
    private final Server embeddedServer;
    private final Server inProcessServer;
    private final ManagedChannel inProcessChannel;
    private final String target;
    private final WorkflowServiceStubs stubs;
    private final Scope metrics;

    public TemporalConnection(TemporalProperties temporal, TasklaneProperties tasklane, WorkerProperties worker,
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
        if (!worker.stickyExecution()) {
            options.setGrpcClientInterceptors(List.of(new StickyAttributesRemover()));
        }
        if (temporal.hasExternalAddress() || tasklane.role() != Role.ALL) {
            embeddedServices = null;
            embeddedServer = null;
            inProcessServer = null;
            inProcessChannel = null;
            target = temporal.hasExternalAddress() ? temporal.address() : "127.0.0.1:7233";
            options.setTarget(target);
        } else {
            int port = temporal.embeddedPort() == 0 ? freePort() : temporal.embeddedPort();
            embeddedServices = new TestServicesStarter(true, 0);
            TestServerLockHistory.discard(embeddedServices);
            String inProcessName = "tasklane-embedded-temporal-" + port;
            try {
                embeddedServer = start(NettyServerBuilder.forAddress(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), port)), embeddedServices);
                inProcessServer = start(InProcessServerBuilder.forName(inProcessName), embeddedServices);
            } catch (IOException e) {
                embeddedServices.close();
                throw new UncheckedIOException("cannot start the embedded Temporal server on 127.0.0.1:" + port
                        + " (is another Temporal running? set TASKLANE_EMBEDDED_TEMPORAL_PORT or TEMPORAL_ADDRESS)", e);
            }
            inProcessChannel = InProcessChannelBuilder.forName(inProcessName).build();
            target = "127.0.0.1:" + port;
            options.setChannel(inProcessChannel);
        }
        stubs = WorkflowServiceStubs.newServiceStubs(options.build());
    }

    private static Server start(ServerBuilder<?> builder, TestServicesStarter services) throws IOException {
        GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
        return builder.build().start();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WorkflowServiceStubs stubs() {
        return stubs;
    }

    /** host:port of the Temporal frontend in use. */
    public String target() {
        return target;
    }

    public boolean isEmbedded() {
        return embeddedServer != null;
    }

    @PreDestroy
    @Override
    public void close() {
        stubs.shutdown();
        if (metrics != null) {
            try {
                metrics.close();
            } catch (ScopeCloseException alreadyClosed) {
                // nothing left to report
            }
        }
        if (embeddedServer != null) {
            inProcessChannel.shutdownNow();
            inProcessServer.shutdownNow();
            embeddedServer.shutdownNow();
            embeddedServices.close();
        }
    }
}
