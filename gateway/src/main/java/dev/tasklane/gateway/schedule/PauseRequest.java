package dev.tasklane.gateway.schedule;

import dev.tasklane.workflows.lifecycle.PayloadField;

/** The optional body of {@code POST /api/schedules/{name}/pause} and {@code /resume}, read by ScheduleReader. */
public record PauseRequest(
        @PayloadField("Why, up to 500 characters; the schedule's view and Temporal's show it.") String note) {
}
