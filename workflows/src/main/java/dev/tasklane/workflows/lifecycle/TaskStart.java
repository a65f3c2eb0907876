package dev.tasklane.workflows.lifecycle;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * A task asking to start: it starts when intake is open and each of its limits has room, else it waits.
 *
 * @param started     the event that records the start
 * @param limits      the task's limits, keys whole
 * @param priorityKey the task's Temporal priority key: waiting tasks take freed room in priority order, then oldest
 *                    first
 * @param waiting     whether the task already waits for room, so its WAITING status is recorded once
 */
@Serdeable
public record TaskStart(LifecycleEvent started, List<TaskLimit> limits, int priorityKey, boolean waiting) {

    /**
     * What became of the request.
     *
     * @param started     whether the task started
     * @param waitingFor  why it did not: the limit without room, or null while intake is paused
     * @param retryMillis when room is sure to return (a rate's period passing), or null when only a freed slot,
     *                    which is signalled, brings it
     */
    @Serdeable
    public record Outcome(boolean started, String waitingFor, Long retryMillis) {

        public static final Outcome STARTED = new Outcome(true, null, null);
        public static final Outcome INTAKE_PAUSED = new Outcome(false, null, null);
    }
}
