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
 * @param onlyAllowedHosts whether the allowed hosts are the only destinations: any other is refused before its name
 *                       is looked up, for a Tasklane that must reach nothing else
 */
@ConfigurationProperties("tasklane.webhook")
public record WebhookProperties(@Nullable List<String> allowedHosts,
                                @Bindable(defaultValue = "10s") Duration connectTimeout,
                                @Bindable(defaultValue = "false") boolean onlyAllowedHosts) {

    public List<String> allowedHostsOrNone() {
        return allowedHosts == null ? List.of() : allowedHosts;
    }
}
