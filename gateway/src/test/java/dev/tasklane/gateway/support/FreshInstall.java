package dev.tasklane.gateway.support;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Tasklane as a first start sees it: nothing configured but a data directory (no token secret, no sealing key), on free
 * ports, with its own dev server and no Web UI; for tests of what a fresh install does.
 */
public final class FreshInstall {

    private FreshInstall() {
    }

    /** The settings of a fresh install in {@code role} over {@code dataDir}, to add to before starting. */
    public static Map<String, Object> properties(String role, Path dataDir) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("tasklane.role", role);
        properties.put("tasklane.data-dir", dataDir.toString());
        properties.put("datasources.default.url", "jdbc:h2:file:" + dataDir.resolve("tasklane") + ";DB_CLOSE_ON_EXIT=FALSE");
        properties.put("micronaut.server.port", -1);
        properties.put("tasklane.temporal.dev-server.port", 0);
        properties.put("tasklane.temporal.dev-server.ui-port", -1);
        return properties;
    }

    /** Starts Tasklane with {@code properties} alone, ignoring the test environment's configuration. */
    public static EmbeddedServer start(Map<String, Object> properties) {
        return ApplicationContext.builder().deduceEnvironment(false).properties(properties).run(EmbeddedServer.class);
    }
}
