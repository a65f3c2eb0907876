package dev.tasklane.activities.outbound;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.List;

/**
 * Webhook delivery settings ({@code tasklane.webhook.*}).
 *
 * @param allowedHosts   hosts, IP addresses or CIDR ranges that may be delivered to even though they are
 *                       loopback, private, link-local or metadata addresses
 * @param connectTimeout how long to wait for a TCP connection
 */
@ConfigurationProperties("tasklane.webhook")
public record WebhookProperties(@Nullable List<String> allowedHosts,
                                @Bindable(defaultValue = "10s") Duration connectTimeout) {

    public List<String> allowedHostsOrNone() {
        return allowedHosts == null ? List.of() : allowedHosts;
    }
}
