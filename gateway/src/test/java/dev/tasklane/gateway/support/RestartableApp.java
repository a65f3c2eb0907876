package dev.tasklane.gateway.support;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Properties of an application whose store and Temporal state live in one data directory and outlive its restart. */
public final class RestartableApp {

    private RestartableApp() {
    }

    /** The properties for {@code dataDir}, with {@code more} added. */
    public static Map<String, Object> properties(Path dataDir, Map<String, Object> more) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "datasources.default.url", "jdbc:h2:file:" + dataDir.resolve("store"),
                // the store must outlive the restart, also where the suite starts each application on an empty one
                "flyway.datasources.default.clean-schema", false,
                "tasklane.data-dir", dataDir.toString(),
                "tasklane.temporal.dev-server.persistent", true,
                "micronaut.server.port", -1,
                "tasklane.webhook.allowed-hosts", "127.0.0.1"));
        properties.putAll(more);
        return properties;
    }
}
