package dev.tasklane.activities.outbound;

import io.micronaut.core.annotation.Nullable;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/** How long to wait before asking a server again: what its Retry-After says, or backoff spread by jitter. */
public final class RetryDelay {

    private RetryDelay() {
    }

    /** The response's {@code Retry-After}, at most {@code longest}; null when it has none that can be read. */
    @Nullable
    public static Duration requestedBy(HttpResponse<?> response, Instant now, Duration longest) {
        return response.headers().firstValue("Retry-After")
                .flatMap(value -> RetryAfter.parse(value, now))
                .map(wait -> wait.compareTo(longest) > 0 ? longest : wait)
                .orElse(null);
    }

    /** The backoff spread by ±20 % so clients that failed together are not retried together. */
    public static Duration jittered(Duration backoff) {
        double factor = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.round(backoff.toMillis() * factor));
    }
}
