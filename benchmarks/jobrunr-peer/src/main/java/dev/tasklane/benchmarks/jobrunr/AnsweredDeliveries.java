package dev.tasklane.benchmarks.jobrunr;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The 2xx answers the peer's jobs got: how many are still missing, and when the first came, which tells JobRunr's wait
 * for its next poll apart from its throughput.
 */
final class AnsweredDeliveries {

    private final CountDownLatch missing;
    private final AtomicReference<Long> firstAnsweredNanos = new AtomicReference<>();

    AnsweredDeliveries(int expected) {
        missing = new CountDownLatch(expected);
    }

    void answered() {
        firstAnsweredNanos.compareAndSet(null, System.nanoTime());
        missing.countDown();
    }

    boolean awaitAll(Duration limit) throws InterruptedException {
        return missing.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    long missing() {
        return missing.getCount();
    }

    /** {@link System#nanoTime()} of the first 2xx answer; only once one came. */
    long firstAnsweredNanos() {
        return firstAnsweredNanos.get();
    }
}
