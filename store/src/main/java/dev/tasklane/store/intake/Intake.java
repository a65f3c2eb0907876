package dev.tasklane.store.intake;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;

/**
 * Whether workers take new tasks, as the store says, so every worker process honours a pause and it outlives a
 * restart. Task workflows ask before they start (through their lifecycle activity); a task already running goes on.
 */
@Singleton
public class Intake {

    /** How long a worker trusts what it last read. */
    private static final long FRESH_NANOS = 1_000_000_000L;

    /** The switch: paused or not, and who moved it when. */
    @Serdeable
    public record State(boolean paused, @Nullable String changedBy, @Nullable Instant changedAt) {
    }

    private final IntakeRepository switches;
    private final Clock clock;
    private volatile boolean open = true;
    private volatile long readAtNanos = Long.MIN_VALUE;

    public Intake(IntakeRepository switches, Clock clock) {
        this.switches = switches;
        this.clock = clock;
    }

    /** Whether new tasks may start, as of at most a second ago. */
    public boolean isOpen() {
        long now = System.nanoTime();
        if (readAtNanos == Long.MIN_VALUE || now - readAtNanos > FRESH_NANOS) {
            open = !state().paused();
            readAtNanos = now;
        }
        return open;
    }

    public State state() {
        IntakeRow row = switches.findById(IntakeRow.SWITCH).orElseThrow();
        return new State(row.paused(), row.changedBy(), row.changedAt());
    }

    /** Pauses ({@code true}) or resumes intake on behalf of {@code by}. */
    public State set(boolean paused, String by) {
        Instant now = clock.instant();
        switches.update(new IntakeRow(IntakeRow.SWITCH, paused, by, now));
        open = !paused;
        readAtNanos = System.nanoTime();
        return new State(paused, by, now);
    }
}
