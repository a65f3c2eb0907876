package dev.tasklane.workflows.lifecycle;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A person's review of a task awaiting approval: the body of its {@code review} update.
 *
 * @param decision {@code approve} or {@code reject}
 * @param note     why, for the task's log
 */
@Serdeable
public record ReviewDecision(
        @PayloadField(value = "approve (the task goes on) or reject (it stops, CANCELLED).", required = true)
        String decision,
        @PayloadField("Why, up to 500 characters; the task's log keeps it.") String note) {

    public static final String APPROVE = "approve";
    public static final String REJECT = "reject";
    public static final int LONGEST_NOTE = 500;

    public boolean approves() {
        return APPROVE.equals(decision);
    }

    /**
     * What the task did with a review.
     *
     * @param decision the decision taken
     * @param reviewer who took it
     */
    @Serdeable
    public record Outcome(String decision, String reviewer) {
    }
}
