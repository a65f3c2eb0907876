package dev.tasklane.workflows.lifecycle;

import java.util.Locale;

/**
 * What the Temporal Web UI shows as a task's current details, as markdown: its status and step, how far it got and
 * its last message. The workflow knows the progress it measures itself (children, parts) and where a step starts; the
 * percent an activity reports as it goes is in the task's events.
 */
final class CurrentDetails {

    private CurrentDetails() {
    }

    /** The details of a task in {@code status} with {@code progress}; {@code stepStartPercent} may be null. */
    static String of(TaskStatus status, TaskProgress progress, Double stepStartPercent) {
        StringBuilder text = new StringBuilder("**").append(status).append("**");
        if (progress.step() != null) {
            text.append(" · step `").append(progress.step()).append('`');
        }
        if (progress.percent() != null) {
            text.append("\n\nProgress: ").append(percent(progress.percent()));
            if (progress.total() != null) {
                text.append(" (").append(progress.processed()).append(" of ").append(progress.total()).append(')');
            }
        } else if (stepStartPercent != null && progress.step() != null) {
            text.append("\n\nProgress: at least ").append(percent(stepStartPercent)).append(", where this step starts");
        }
        if (progress.message() != null) {
            text.append("\n\n").append(progress.message());
        }
        if (!progress.stepsCompleted().isEmpty()) {
            text.append("\n\nDone: ").append(String.join(", ", progress.stepsCompleted()));
        }
        return text.toString();
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.0f %%", value);
    }
}
