package dev.tasklane.gateway.temporal;

import dev.tasklane.gateway.config.DevServerProperties;
import dev.tasklane.gateway.config.Role;
import dev.tasklane.gateway.config.TasklaneProperties;
import dev.tasklane.gateway.config.TemporalProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import jakarta.annotation.PreDestroy;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Launches Temporal's dev server (role {@code all} without an address) before any other bean is made, so it comes up
 * while the store opens and migrates instead of after; {@link TemporalConnection} waits for it. Stopped last.
 */
@Context
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DevServerLaunch implements AutoCloseable {

    private final CompletableFuture<TemporalDevServer> launching;

    public DevServerLaunch(TemporalProperties temporal, DevServerProperties settings, TasklaneProperties tasklane) {
        if (temporal.hasExternalAddress() || tasklane.role() != Role.ALL) {
            launching = null;
            return;
        }
        launching = CompletableFuture.supplyAsync(() -> start(settings, temporal, tasklane), task -> {
            Thread launcher = new Thread(task, "temporal-dev-server-launch");
            launcher.setDaemon(true);
            launcher.start();
        });
    }

    private static TemporalDevServer start(DevServerProperties settings, TemporalProperties temporal,
                                           TasklaneProperties tasklane) {
        Path cli;
        try {
            cli = TemporalCli.find(settings.cli());
        } catch (TemporalCli.Missing e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return TemporalDevServer.start(cli, settings, temporal.namespace(), Path.of(tasklane.dataDir()));
    }

    /** The dev server once its port accepts connections; empty when Temporal runs elsewhere. */
    public Optional<TemporalDevServer> await() {
        if (launching == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(launching.join());
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failed ? failed : e;
        }
    }

    @PreDestroy
    @Override
    public void close() {
        if (launching != null) {
            launching.thenAccept(TemporalDevServer::close).exceptionally(failed -> null).join();
        }
    }
}
