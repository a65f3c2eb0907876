package dev.tasklane.workflows.lifecycle;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.ArrayList;
import java.util.List;

/**
 * How far a task has got: what clients see in {@code progress}, what the workflow answers to a query.
 *
 * @param percent        0–100, or null while unknown
 * @param processed      units done so far
 * @param total          units in all, when known
 * @param message        one human line
 * @param step           the step running now
 * @param stepsCompleted steps finished, in order
 * @param etaSeconds     estimated seconds left, when it can be estimated
 */
@Serdeable
public record TaskProgress(@Nullable Double percent, @Nullable Long processed, @Nullable Long total,
                           @Nullable String message, @Nullable String step, List<String> stepsCompleted,
                           @Nullable Double etaSeconds) {

    public static final TaskProgress NONE = new TaskProgress(null, null, null, null, null, List.of(), null);

    public TaskProgress {
        stepsCompleted = stepsCompleted == null ? List.of() : List.copyOf(stepsCompleted);
    }

    /** Finishes the current step (if any) and starts {@code next}. */
    public TaskProgress enterStep(String next) {
        List<String> done = new ArrayList<>(stepsCompleted);
        if (step != null && !step.equals(next) && !done.contains(step)) {
            done.add(step);
        }
        return new TaskProgress(percent, processed, total, message, next, done, etaSeconds);
    }

    /** Counts {@code processed} of {@code total} with a message, keeping the step. */
    public TaskProgress counting(long processed, long total, String message) {
        Double pct = total > 0 ? Math.min(100.0, 100.0 * processed / total) : null;
        return new TaskProgress(pct, processed, total, message, step, stepsCompleted, etaSeconds);
    }

    public TaskProgress withMessage(String newMessage) {
        return new TaskProgress(percent, processed, total, newMessage, step, stepsCompleted, etaSeconds);
    }

    /** Every step done and the bar full. */
    public TaskProgress finished(String finalMessage) {
        TaskProgress closed = enterStep(null);
        return new TaskProgress(100.0, processed, total, finalMessage, null, closed.stepsCompleted, 0.0);
    }
}
