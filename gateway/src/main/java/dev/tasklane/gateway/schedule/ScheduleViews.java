package dev.tasklane.gateway.schedule;

import dev.tasklane.activities.schedule.ScheduleRow;
import dev.tasklane.gateway.tasks.PayloadSecrets;
import dev.tasklane.workflows.schedule.ScheduleCron;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns stored schedules into what clients see; the fire times are worked out here, never asked of a worker. */
@Singleton
public class ScheduleViews {

    private final PayloadSecrets secrets;
    private final Clock clock;

    public ScheduleViews(PayloadSecrets secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    public ScheduleView of(ScheduleRow row) {
        List<Instant> next = row.enabled()
                ? ScheduleCron.of(row.cron(), row.timezone()).next(clock.instant(), ScheduleCron.FIRE_TIMES_SHOWN) : List.of();
        String self = "/api/schedules/" + row.name();
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", self);
        links.put(row.enabled() ? "pause" : "resume", self + (row.enabled() ? "/pause" : "/resume"));
        links.put("trigger", self + "/trigger");
        return new ScheduleView(row.id(), row.name(), row.cron(), row.timezone(), row.taskType(),
                secrets.redacted(row.taskType(), row.inputJson()), row.priority(), row.enabled(),
                row.builtIn(), next, row.createdAt(), row.updatedAt(), links);
    }
}
