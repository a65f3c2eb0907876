package dev.tasklane.gateway.support;

import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for a condition the system under test will reach, checking it every few milliseconds, with Awaitility. */
public final class Await {

    private static final Duration POLL_EVERY = Duration.ofMillis(25);

    private Await() {
    }

    /** The first value of {@code value} that is {@code done}, within {@code timeout}; {@code what} names the wait. */
    public static <T> T until(String what, Duration timeout, Supplier<T> value, Predicate<T> done) {
        return Awaitility.await(what).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(POLL_EVERY)
                .until(value::get, done::test);
    }
}
