package dev.tasklane.gateway.tasks;

import dev.tasklane.store.task.TaskCatalog;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Answers the quota's question "would {@code count} more tasks pass the cap?" without a query for most submissions:
 * while the tenant's (or owner's) tasks in the statuses are below half the cap, it adds what this process admitted
 * to what the store said less than a second ago; at half the cap or above, and once a second, it reads the store.
 * Another gateway's submissions of the last second go unseen only while there is half the cap to spare.
 */
@Singleton
public class UnfinishedCounts {

    private static final long FRESH_NANOS = 1_000_000_000L;
    /** Readings kept at most; past it they are all dropped, and each is read again when next needed. */
    private static final int MOST_READINGS = 10_000;

    private final TaskCatalog catalog;
    private final Map<Key, Reading> readings = new ConcurrentHashMap<>();

    public UnfinishedCounts(TaskCatalog catalog) {
        this.catalog = catalog;
    }

    private record Key(String tenant, @Nullable String owner, List<TaskStatus> statuses) {
    }

    /** What the store counted and when, and how many more this process let pass since. */
    private record Reading(long stored, long readAtNanos, AtomicLong passedSince) {
    }

    /**
     * Whether {@code count} more of the tenant's tasks ({@code owner}'s unless null) in {@code statuses} would pass
     * {@code most}; when they would not, they are counted as passed.
     */
    public boolean wouldPass(String tenant, @Nullable String owner, List<TaskStatus> statuses, int most, int count) {
        Key key = new Key(tenant, owner, statuses);
        long now = System.nanoTime();
        Reading last = readings.get(key);
        if (last != null && now - last.readAtNanos() < FRESH_NANOS
                && last.stored() + last.passedSince().addAndGet(count) <= most / 2) {
            return false;
        }
        long stored = catalog.countUpTo(tenant, owner, statuses, most);
        boolean over = stored + count > most;
        if (readings.size() >= MOST_READINGS) {
            readings.clear();
        }
        readings.put(key, new Reading(stored, now, new AtomicLong(over ? 0 : count)));
        return over;
    }
}
