package dev.tasklane.gateway.temporal;

import dev.tasklane.gateway.config.Role;
import dev.tasklane.gateway.config.TasklaneProperties;
import dev.tasklane.gateway.config.TemporalProperties;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
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

/**
 * The connection to Temporal: an external frontend when {@code tasklane.temporal.address} is set, otherwise
 * (role {@code all}) Temporal's Java test server started in-process, in real time, on 127.0.0.1 only.
 */
@Singleton
public class TemporalConnection implements AutoCloseable {

    private final TestServicesStarter embeddedServices;
    private final Server embeddedServer;
    private final String target;
    private final WorkflowServiceStubs stubs;

    public TemporalConnection(TemporalProperties temporal, TasklaneProperties tasklane) {
        if (temporal.hasExternalAddress() || tasklane.role() != Role.ALL) {
            embeddedServices = null;
            embeddedServer = null;
            target = temporal.hasExternalAddress() ? temporal.address() : "127.0.0.1:7233";
        } else {
            int port = temporal.embeddedPort() == 0 ? freePort() : temporal.embeddedPort();
            embeddedServices = new TestServicesStarter(true, 0);
            embeddedServer = startEmbedded(embeddedServices, port);
            target = "127.0.0.1:" + port;
        }
        stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(target)
                .setRpcTimeout(Duration.ofSeconds(10))
                .build());
    }

    private static Server startEmbedded(TestServicesStarter services, int port) {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
        try {
            return builder.build().start();
        } catch (IOException e) {
            services.close();
            throw new UncheckedIOException("cannot start the embedded Temporal server on 127.0.0.1:" + port
                    + " (is another Temporal running? set TASKLANE_EMBEDDED_TEMPORAL_PORT or TEMPORAL_ADDRESS)", e);
        }
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
        if (embeddedServer != null) {
            embeddedServer.shutdownNow();
            embeddedServices.close();
        }
    }
}
