package dev.tasklane.gateway.schedule;

import dev.tasklane.gateway.tasks.ValidSubmission;

/**
 * A schedule definition that passed every check.
 *
 * @param name                 its name in the tenant
 * @param cron                 the cron expression, shortcuts expanded
 * @param timezone             the IANA zone it is read in
 * @param submission           what each run submits, checked as a submission of its own
 * @param enabled              false for a paused schedule
 * @param overlapPolicy        what a fire does while the previous run's task has not ended
 * @param catchupWindowSeconds how late a missed fire may still run
 */
public record ValidSchedule(String name, String cron, String timezone, ValidSubmission submission, boolean enabled,
                            ScheduleOverlap overlapPolicy, long catchupWindowSeconds) {
}
