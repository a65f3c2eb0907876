package dev.tasklane.gateway.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Process-wide settings ({@code tasklane.*}).
 *
 * @param role    what this process runs
 * @param dataDir where the H2 store and, on a single machine, the generated keys and dev token live
 */
@ConfigurationProperties("tasklane")
public record TasklaneProperties(Role role, String dataDir) {
}
