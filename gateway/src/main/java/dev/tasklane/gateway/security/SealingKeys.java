package dev.tasklane.gateway.security;

import dev.tasklane.activities.secrets.SealingKey;
import dev.tasklane.gateway.config.Role;
import dev.tasklane.gateway.config.TasklaneProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;

import java.nio.file.Path;

/**
 * The sealing key when none is configured: a single-machine install generates one under its data directory;
 * separate gateway and worker processes must share a configured one, so they refuse to start without it.
 */
@Factory
public class SealingKeys {

    @Context
    @Requires(missingProperty = SealingKey.PROPERTY)
    SealingKey generatedSealingKey(TasklaneProperties tasklane) {
        if (tasklane.role() != Role.ALL) {
            throw new ConfigurationException("role " + tasklane.role().name().toLowerCase(java.util.Locale.ROOT)
                    + " shares tasks with other processes: set TASKLANE_SECURITY_ENCRYPTION_KEY to the same 32 random"
                    + " bytes (base64, e.g. from: openssl rand -base64 32) on every gateway and worker");
        }
        return SealingKey.decode(LocalSecrets.readOrCreate(Path.of(tasklane.dataDir()),
                LocalSecrets.ENCRYPTION_KEY_FILE));
    }
}
