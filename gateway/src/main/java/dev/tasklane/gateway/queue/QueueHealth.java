package dev.tasklane.gateway.queue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/queue/health}: healthy, degraded or unhealthy, with the alerts that say why.
 *
 * @param status    the worst of the alerts' severities, or healthy
 * @param alerts    what is wrong
 * @param checkedAt when this was measured
 */
@Serdeable
public record QueueHealth(String status, List<Alert> alerts, Instant checkedAt) {

    public static final String HEALTHY = "healthy";
    public static final String DEGRADED = "degraded";
    public static final String UNHEALTHY = "unhealthy";

    /**
     * One thing wrong.
     *
     * @param check     which check raised it: failure-rate, oldest-queued, overrunning, intake-paused, workers
     * @param severity  degraded or unhealthy
     * @param message   what it means
     * @param value     the measured value, where there is one
     * @param threshold the threshold it passed, where there is one
     */
    @Serdeable
    public record Alert(String check, String severity, String message, @Nullable Double value,
                        @Nullable Double threshold) {
    }
}
