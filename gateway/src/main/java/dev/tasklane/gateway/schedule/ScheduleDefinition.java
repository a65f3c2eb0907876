package dev.tasklane.gateway.schedule;

import dev.tasklane.gateway.tasks.RetryInput;
import dev.tasklane.workflows.lifecycle.PayloadField;

/**
 * The body of {@code POST /api/schedules} and {@code PUT /api/schedules/{name}}. It is never bound directly:
 * {@link ScheduleReader} checks the JSON against these fields first, so every fault is named.
 */
public record ScheduleDefinition(
        @PayloadField(value = "Unique in the tenant: letters, digits, '.', '_' and '-', up to 100.", required = true)
        String name,
        @PayloadField(value = "Five fields (minute hour day-of-month month day-of-week), or hourly, daily, weekly,"
                + " monthly.", required = true) String cron,
        @PayloadField("IANA time zone the cron is read in, such as Europe/Berlin (default UTC).") String timezone,
        @PayloadField(value = "The task type each run submits: one of GET /api/task-types.", required = true)
        String taskType,
        @PayloadField("The task type's input (default {}).") Object payload,
        @PayloadField("CRITICAL, HIGH, NORMAL (default), LOW or BACKGROUND.") String priority,
        @PayloadField("false creates it paused (default true).") Boolean enabled,
        @PayloadField("Retry policy for each run's attempts.") RetryInput retry,
        @PayloadField("Seconds each run may take once started, 1-604800.") Long timeoutSeconds,
        @PayloadField("What a fire does while the previous run's task has not ended: SKIP (default), BUFFER_ONE,"
                + " BUFFER_ALL, CANCEL_OTHER, TERMINATE_OTHER or ALLOW_ALL.") String overlapPolicy,
        @PayloadField("How late a fire missed while Tasklane or Temporal was down may still run, in seconds,"
                + " 10-31536000 (default 86400).") Long catchupWindowSeconds) {
}
