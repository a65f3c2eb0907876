package dev.tasklane.gateway.security;

import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.gateway.config.TasklaneProperties;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * On a single-machine install with a generated secret, writes an ADMIN token for the default tenant to
 * {@code <data-dir>/dev-token} at every start, so the curl walk-through of docs/getting-started.md works at once.
 */
@Singleton
@ServesApi
public class DevToken {

    public static final String SUBJECT = "dev";
    public static final String TENANT = "default";
    static final Duration LIFETIME = Duration.ofDays(30);

    private static final Logger LOG = LoggerFactory.getLogger("dev.tasklane");

    private final TokenKeys keys;
    private final TasklaneProperties tasklane;
    private volatile String token;

    public DevToken(TokenKeys keys, TasklaneProperties tasklane) {
        this.keys = keys;
        this.tasklane = tasklane;
    }

    @EventListener
    void onStarted(ServerStartupEvent event) {
        if (!keys.secretGenerated()) {
            return;
        }
        Path file = Path.of(tasklane.dataDir()).resolve(LocalSecrets.DEV_TOKEN_FILE);
        token = keys.minter().orElseThrow().mint(SUBJECT, TENANT, List.of(Roles.ADMIN), LIFETIME);
        LocalSecrets.replace(file, token);
        LOG.info("Dashboard: http://localhost:{}/ signs in with the dev token by itself", event.getSource().getPort());
        LOG.info("Dev token (ADMIN of tenant '{}', valid {} days) written to {}; use it as"
                + " -H \"Authorization: Bearer $(cat {})\"", TENANT, LIFETIME.toDays(), file, file);
    }

    /** The token written at start-up, or empty when the secret was configured, not generated. */
    public Optional<String> token() {
        return Optional.ofNullable(token);
    }
}
