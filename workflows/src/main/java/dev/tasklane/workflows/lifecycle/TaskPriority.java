package dev.tasklane.workflows.lifecycle;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Priority levels clients choose from, mapped onto Temporal's priority key (1 runs first). */
public enum TaskPriority {
    CRITICAL(1), HIGH(2), NORMAL(3), LOW(4), BACKGROUND(5);

    private final int temporalKey;

    TaskPriority(int temporalKey) {
        this.temporalKey = temporalKey;
    }

    public int temporalKey() {
        return temporalKey;
    }

    /** The level {@code levels} above this one, CRITICAL at most. */
    public TaskPriority raisedBy(int levels) {
        return ofTemporalKey(Math.max(CRITICAL.temporalKey, temporalKey - Math.max(0, levels)));
    }

    /** The level of a Temporal priority key this enum produced. */
    public static TaskPriority ofTemporalKey(int key) {
        return Arrays.stream(values()).filter(p -> p.temporalKey == key).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no priority has Temporal key " + key));
    }

    /** Reads a client's spelling, case-insensitively; {@code URGENT} is an alias of {@link #CRITICAL}. */
    public static Optional<TaskPriority> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String name = text.trim().toUpperCase(Locale.ROOT);
        if (name.equals("URGENT")) {
            return Optional.of(CRITICAL);
        }
        return Arrays.stream(values()).filter(p -> p.name().equals(name)).findFirst();
    }
}
