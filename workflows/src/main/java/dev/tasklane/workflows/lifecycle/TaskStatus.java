package dev.tasklane.workflows.lifecycle;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The closed set of task states and the moves allowed between them, so a late event cannot revive a finished task.
 * WAITING is a task ready to start that waits for room under a limit; AWAITING_APPROVAL a running task that waits for
 * a person's review before it goes on.
 */
public enum TaskStatus {
    SCHEDULED, QUEUED, WAITING, RUNNING, AWAITING_APPROVAL, RETRYING, COMPLETED, FAILED, CANCELLED, TIMED_OUT;

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED || this == TIMED_OUT;
    }

    /** The states of a finished task: completed, failed, cancelled or timed out. */
    public static List<TaskStatus> finished() {
        return Arrays.stream(values()).filter(TaskStatus::isTerminal).toList();
    }

    /** The states of a task not yet finished: scheduled, queued, waiting, running, awaiting approval or retrying. */
    public static List<TaskStatus> unfinished() {
        return Arrays.stream(values()).filter(s -> !s.isTerminal()).toList();
    }

    /** The states a task may be in for it to move to this one. */
    public Set<TaskStatus> predecessors() {
        return switch (this) {
            case SCHEDULED, QUEUED -> EnumSet.noneOf(TaskStatus.class);
            case WAITING -> EnumSet.of(SCHEDULED, QUEUED);
            case AWAITING_APPROVAL -> EnumSet.of(RUNNING, RETRYING);
            case RUNNING, RETRYING -> EnumSet.of(SCHEDULED, QUEUED, WAITING, RUNNING, AWAITING_APPROVAL, RETRYING);
            case COMPLETED, FAILED, CANCELLED, TIMED_OUT -> EnumSet.of(SCHEDULED, QUEUED, WAITING, RUNNING,
                    AWAITING_APPROVAL, RETRYING);
        };
    }
}
