package dev.tasklane.gateway.hotpath;

import dev.tasklane.gateway.support.Await;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the statements this process runs against the store, from every thread, by SQL text; fed by
 * {@link CountingDataSources} in a test context that sets {@value #ENABLED}.
 */
@Singleton
@Requires(property = StatementCounter.ENABLED, value = "true")
final class StatementCounter {

    static final String ENABLED = "tasklane.test.count-statements";

    /** Runs and batch rows of one statement text. */
    private static final class Runs {
        final LongAdder executions = new LongAdder();
        final LongAdder batchRows = new LongAdder();
    }

    private final Map<String, Runs> byText = new ConcurrentHashMap<>();
    private volatile long lastActivityNanos = System.nanoTime();

    /** Notes that a statement starts or ends now, so the store is not idle. */
    void active() {
        lastActivityNanos = System.nanoTime();
    }

    /** Counts one run of {@code sql}; {@code batchRows} is 0 unless it ran as a batch of that many rows. */
    void ran(String sql, int batchRows) {
        Runs runs = byText.computeIfAbsent(sql.strip().replaceAll("\\s+", " "), text -> new Runs());
        runs.executions.increment();
        runs.batchRows.add(batchRows);
        active();
    }

    /** Everything counted so far. */
    StatementTally snapshot() {
        Map<String, StatementTally.Count> copy = new LinkedHashMap<>();
        byText.forEach((text, runs) -> copy.put(text,
                new StatementTally.Count(runs.executions.sum(), runs.batchRows.sum())));
        return new StatementTally(copy);
    }

    /**
     * Waits until no statement has started or ended for {@code quiet}, at most {@code timeout}; then everything
     * counted so far.
     */
    StatementTally awaitIdle(Duration quiet, Duration timeout) {
        Await.until("no store statement for " + quiet.toMillis() + " ms", timeout,
                () -> System.nanoTime() - lastActivityNanos, sinceLast -> sinceLast >= quiet.toNanos());
        return snapshot();
    }
}
