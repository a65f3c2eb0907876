package dev.tasklane.workflows.schedule;

import java.util.List;

/**
 * What a schedule's workflow answers to its query: the definition it runs and when it fires next.
 *
 * @param spec          the definition in force
 * @param nextFireTimes the next fire times (ISO-8601 instants), none while paused
 */
public record ScheduleState(ScheduleSpec spec, List<String> nextFireTimes) {
}
