package dev.tasklane.gateway.schedule;

import dev.tasklane.gateway.tasks.ValidSubmission;

/**
 * A schedule definition that passed every check.
 *
 * @param name       its name in the tenant
 * @param cron       the cron expression, shortcuts expanded
 * @param timezone   the IANA zone it is read in
 * @param submission what each run submits, checked as a submission of its own
 * @param enabled    false for a paused schedule
 */
public record ValidSchedule(String name, String cron, String timezone, ValidSubmission submission, boolean enabled) {
}
