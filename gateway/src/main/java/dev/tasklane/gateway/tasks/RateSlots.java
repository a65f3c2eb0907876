package dev.tasklane.gateway.tasks;

import dev.tasklane.store.quota.SubmissionWindows;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Takes submission slots of a tenant's (or owner's) sliding minute from the store's windows with as few statements as
 * the numbers allow: the last minute's count is read once it has settled, and a quota of at least {@value #SPARE_FROM}
 * a minute takes a 64th of itself more than asked while there is room, which this process's next submissions of the
 * minute use without a statement. Spare slots left when the minute ends stay counted: at most a 64th of the quota per
 * gateway and minute.
 */
@Singleton
public class RateSlots {

    static final Duration WINDOW = Duration.ofMinutes(1);
    /** The smallest quota per minute that takes spare slots; a smaller one is counted exactly. */
    static final int SPARE_FROM = 640;
    /** The last minute's count no longer changes this far into the next one: submissions it counted are done. */
    private static final Duration SETTLED_AFTER = Duration.ofSeconds(2);

    private final SubmissionWindows windows;
    private final Map<String, Spare> spare = new ConcurrentHashMap<>();
    private final Map<String, Settled> settled = new ConcurrentHashMap<>();

    public RateSlots(SubmissionWindows windows) {
        this.windows = windows;
    }

    /** Slots this process took from the store for the minute starting at {@code windowStart} and has not used. */
    private record Spare(Instant windowStart, AtomicInteger slots) {

        Spare plus(int more) {
            slots.addAndGet(more);
            return this;
        }
    }

    /** A minute's final count. */
    private record Settled(Instant windowStart, int count) {
    }

    /**
     * Takes {@code count} slots of the minute {@code now} is in, under {@code perMinute} less the last minute's share
     * still inside the window; 0 when taken, else the seconds until room returns.
     */
    public long take(String tenant, @Nullable String owner, int perMinute, int count, Instant now) {
        String key = key(tenant, owner);
        Instant windowStart = now.truncatedTo(ChronoUnit.MINUTES);
        Spare held = spare.get(key);
        if (held != null && held.windowStart().equals(windowStart) && takeFrom(held.slots(), count)) {
            return 0;
        }
        Duration intoWindow = Duration.between(windowStart, now);
        double share = 1 - intoWindow.toMillis() / (double) WINDOW.toMillis();
        int previous = previousCount(key, tenant, owner, windowStart.minus(WINDOW), intoWindow);
        int allowance = perMinute - (int) Math.floor(previous * share);
        int extra = perMinute >= SPARE_FROM ? perMinute / 64 : 0;
        if (extra > 0 && takeFromStore(tenant, owner, windowStart, allowance, count + extra)) {
            spare.merge(key, new Spare(windowStart, new AtomicInteger(extra)),
                    (old, fresh) -> old.windowStart().equals(windowStart) ? old.plus(extra) : fresh);
            return 0;
        }
        // near the cap: this process's spare slots of the minute first, the rest from the store
        int fromSpare = held != null && held.windowStart().equals(windowStart) ? held.slots().getAndSet(0) : 0;
        if (fromSpare >= count || takeFromStore(tenant, owner, windowStart, allowance, count - fromSpare)) {
            if (fromSpare > count) {
                held.slots().addAndGet(fromSpare - count);
            }
            return 0;
        }
        if (fromSpare > 0) {
            held.slots().addAndGet(fromSpare);
        }
        int current = windows.count(tenant, owner, windowStart);
        // Room returns when the last minute's carried share has shrunk below what this minute leaves free,
        // or at the latest when the next minute starts.
        double roomAt = current >= perMinute || previous == 0 ? 1.0
                : Math.min(1.0, 1 - (perMinute - current) / (double) previous);
        double into = 1 - share;
        return Math.max(1, (long) Math.ceil((roomAt - into) * WINDOW.toSeconds()));
    }

    /**
     * Gives back {@code count} slots taken in the minute {@code now} is in, for a submission refused after it took
     * them: to this process's spare slots when it holds some of the minute, otherwise to the store.
     */
    public void giveBack(String tenant, @Nullable String owner, int count, Instant now) {
        Instant windowStart = now.truncatedTo(ChronoUnit.MINUTES);
        Spare held = spare.get(key(tenant, owner));
        if (held != null && held.windowStart().equals(windowStart)) {
            held.slots().addAndGet(count);
            return;
        }
        windows.giveBack(tenant, owner, windowStart, count);
    }

    private int previousCount(String key, String tenant, @Nullable String owner, Instant previousStart,
                              Duration intoWindow) {
        Settled known = settled.get(key);
        if (known != null && known.windowStart().equals(previousStart)) {
            return known.count();
        }
        int count = windows.count(tenant, owner, previousStart);
        if (intoWindow.compareTo(SETTLED_AFTER) >= 0) {
            settled.put(key, new Settled(previousStart, count));
        }
        return count;
    }

    private boolean takeFromStore(String tenant, @Nullable String owner, Instant windowStart, int allowance, int count) {
        try {
            return windows.take(tenant, owner, windowStart, allowance, count);
        } catch (DataAccessException racedFirstOfMinute) {
            return windows.take(tenant, owner, windowStart, allowance, count);
        }
    }

    private static boolean takeFrom(AtomicInteger slots, int count) {
        for (int left = slots.get(); left >= count; left = slots.get()) {
            if (slots.compareAndSet(left, left - count)) {
                return true;
            }
        }
        return false;
    }

    private static String key(String tenant, @Nullable String owner) {
        return owner == null ? tenant : tenant + "\n" + owner;
    }
}
