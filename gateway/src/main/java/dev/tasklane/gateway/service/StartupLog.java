package dev.tasklane.gateway.service;

import dev.tasklane.gateway.config.TasklaneProperties;
import dev.tasklane.gateway.temporal.TemporalConnection;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Says in one line, once the HTTP server is up, what this process is running and where. */
@Singleton
public class StartupLog {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tasklane");

    private final TasklaneProperties tasklane;
    private final TemporalConnection temporal;
    private final String store;
    private final HttpServerConfiguration http;

    public StartupLog(TasklaneProperties tasklane, TemporalConnection temporal,
                      @Value("${datasources.default.url}") String store, HttpServerConfiguration http) {
        this.tasklane = tasklane;
        this.temporal = temporal;
        this.store = store;
        this.http = http;
    }

    @EventListener
    void onStarted(ServerStartupEvent event) {
        LOG.info("Tasklane started: role={}, temporal={} ({}), http={}:{}, store={}",
                tasklane.role().name().toLowerCase(java.util.Locale.ROOT), temporal.target(),
                temporal.devServer().isPresent() ? "dev server" : "external",
                http.getHost().orElse("*"), event.getSource().getPort(),
                store.replaceAll("(?i)(password=)[^;&]*", "$1***"));
    }
}
