package dev.tasklane.gateway.benchmark;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What the benchmarks share: the wall clock in microseconds and percentiles of recorded times. */
final class Measure {

    private Measure() {
    }

    /** The {@code percent}th percentile (nearest rank) of {@code values}; 0 when there are none. */
    static long percentile(List<Long> values, int percent) {
        List<Long> sorted;
        synchronized (values) {
            sorted = new ArrayList<>(values);
        }
        if (sorted.isEmpty()) {
            return 0;
        }
        Collections.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    /** Microseconds since the epoch, comparable with event timestamps written by other processes. */
    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    /** Microseconds since the epoch of an ISO-8601 instant. */
    static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000 + at.getNano() / 1000;
    }
}
