package dev.tasklane.gateway.queue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * {@code GET /api/queue/status}: the tenant's tasks waiting and running, by priority, and the workers.
 *
 * @param paused                 whether intake is paused
 * @param byPriority             per priority: scheduled, queued, waiting and running (retrying and awaiting
 *                               approval count as running)
 * @param scheduled              all scheduled
 * @param queued                 all queued
 * @param waiting                all waiting for room under a limit
 * @param running                all running
 * @param oldestQueuedAgeSeconds how long the longest-waiting queued task has waited, or null when none waits
 * @param workers                what is known of the workers
 */
@Serdeable
public record QueueStatus(boolean paused, Map<String, Counts> byPriority, long scheduled, long queued, long waiting,
                          long running,
                          @Nullable Double oldestQueuedAgeSeconds, WorkerCensus.Workers workers) {

    /** One priority's numbers. */
    @Serdeable
    public record Counts(long scheduled, long queued, long waiting, long running) {
    }
}
