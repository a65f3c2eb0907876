package dev.tasklane.gateway.benchmark;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** What the benchmarks share: the wall clock in microseconds, percentiles of recorded times, parallel submitters. */
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

    /**
     * Calls {@code each} for 0 to {@code count - 1} from {@code threads} threads, each taking the next number, and
     * adds the time of every call, in microseconds, to {@code micros}; returns when all are done.
     */
    static void inParallel(int count, int threads, IntConsumer each, List<Long> micros) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        long started = System.nanoTime();
                        each.accept(i);
                        micros.add((System.nanoTime() - started) / 1000);
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
