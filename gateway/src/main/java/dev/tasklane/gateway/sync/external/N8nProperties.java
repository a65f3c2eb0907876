package dev.tasklane.gateway.sync.external;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * n8n settings ({@code tasklane.integrations.n8n.*}).
 *
 * @param webhookUrl the n8n Webhook node's URL triggers go to when a request names none
 */
@ConfigurationProperties("tasklane.integrations.n8n")
public record N8nProperties(@Nullable String webhookUrl) {
}
