package dev.tasklane.gateway.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Process-wide settings ({@code tasklane.*}).
 *
 * @param role           what this process runs
 * @param dataDir        where the H2 store and, on a single machine, the generated keys and dev token live
 * @param operatorTenant the tenant whose ADMINs run the platform: they hold its own schedules and may pause intake
 */
@ConfigurationProperties("tasklane")
public record TasklaneProperties(Role role, String dataDir,
                                 @Bindable(defaultValue = "default") String operatorTenant) {
}
