package dev.tasklane.gateway.schedule;

import dev.tasklane.workflows.lifecycle.PayloadField;

/** The body of {@code POST /api/schedules/{name}/backfill}, checked by {@link ScheduleReader}. */
public record BackfillRequest(
        @PayloadField(value = "ISO-8601 instant: the first fire time to run, included.", required = true) String from,
        @PayloadField(value = "ISO-8601 instant, after from and not in the future: the last, included.",
                required = true) String to) {
}
