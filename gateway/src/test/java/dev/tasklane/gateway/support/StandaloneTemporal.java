package dev.tasklane.gateway.support;

import dev.tasklane.gateway.config.DevServerProperties;
import dev.tasklane.gateway.temporal.TemporalCli;
import dev.tasklane.gateway.temporal.TemporalDevServer;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;

/** Temporal's dev server on a free port, in memory, started by a test for Tasklanes given its address. */
public final class StandaloneTemporal implements AutoCloseable {

    private final TemporalDevServer server;

    private StandaloneTemporal(TemporalDevServer server) {
        this.server = server;
    }

    /** Starts it and returns once it serves the default namespace. */
    public static StandaloneTemporal start() {
        try {
            TemporalDevServer server = TemporalDevServer.start(TemporalCli.find(null),
                    new DevServerProperties(null, 0, -1, Duration.ofSeconds(60), false), "default",
                    Files.createTempDirectory("standalone-temporal"));
            WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
                    WorkflowServiceStubsOptions.newBuilder().setTarget(server.address()).build());
            try {
                server.awaitNamespace(stubs, "default");
            } finally {
                stubs.shutdownNow();
            }
            return new StandaloneTemporal(server);
        } catch (TemporalCli.Missing e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** host:port of its frontend, for {@code tasklane.temporal.address}. */
    public String address() {
        return server.address();
    }

    @Override
    public void close() {
        server.close();
    }
}
