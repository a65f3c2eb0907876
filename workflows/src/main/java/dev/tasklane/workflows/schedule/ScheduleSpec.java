package dev.tasklane.workflows.schedule;

/**
 * What a schedule's workflow keeps to: the schedule it fires, when, and whether it is on. The store holds the whole
 * definition; the workflow needs only this.
 *
 * @param scheduleId the schedule's ID, also its workflow's ID
 * @param name       the schedule's name, for the Web UI
 * @param cron       a five-field cron expression or a shortcut
 * @param timezone   the IANA zone the cron is read in
 * @param enabled    false while paused: no fire until resumed
 */
public record ScheduleSpec(String scheduleId, String name, String cron, String timezone, boolean enabled) {

    public ScheduleCron parsedCron() {
        return ScheduleCron.of(cron, timezone);
    }
}
