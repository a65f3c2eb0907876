package dev.tasklane.gateway.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Process-wide settings ({@code tasklane.*}).
 *
 * @param role    what this process runs
 * @param dataDir where the H2 store and other local files live
 * @param tenant  the tenant and owner every request acts as until identities arrive
 */
@ConfigurationProperties("tasklane")
public record TasklaneProperties(Role role, String dataDir, String tenant) {
}
