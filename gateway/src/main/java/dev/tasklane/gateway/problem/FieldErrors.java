package dev.tasklane.gateway.problem;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Collects every fault of a request, so one answer names them all. */
public final class FieldErrors {

    private final List<FieldError> errors = new ArrayList<>();

    public FieldErrors add(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    /** Whether an error names {@code field} or a field inside it ({@code retry} has {@code retry.maxAttempts}). */
    public boolean has(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field) || e.field().startsWith(field + ".")
                || e.field().startsWith(field + "["));
    }

    /** The ISO-8601 instant {@code text} gives, or null when it is absent or, with an error under {@code field}, not one. */
    public @Nullable Instant instant(String field, @Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            add(field, "'" + text + "' is not an ISO-8601 instant; use a form like 2026-01-01T00:00:00Z");
            return null;
        }
    }

    /**
     * Reads an optional whole number from {@code min} to {@code max}; absent gives {@code otherwise}, and
     * anything else records an error under {@code field} (and also gives {@code otherwise}).
     */
    public long wholeNumber(String field, @Nullable String text, long min, long max, long otherwise) {
        if (text == null) {
            return otherwise;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        add(field, "must be a whole number from " + min + " to " + max);
        return otherwise;
    }

    /** Throws a 400 problem naming every fault, if there is any. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(List.copyOf(errors));
        }
    }
}
