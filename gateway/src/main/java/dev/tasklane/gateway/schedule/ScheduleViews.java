package dev.tasklane.gateway.schedule;

import dev.tasklane.gateway.problem.ProblemException;
import dev.tasklane.gateway.problem.ProblemType;
import dev.tasklane.gateway.tasks.PayloadSecrets;
import dev.tasklane.store.schedule.ScheduleRow;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleState;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns stored schedules into what clients see, asking each one's Temporal Schedule whether it runs and when it fires
 * next. One Temporal has lost (until the carry-over makes it again) shows its stored state and no fire times.
 */
@Singleton
public class ScheduleViews {

    /** How many coming fire times a schedule's view shows. */
    static final int FIRE_TIMES_SHOWN = 5;
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleViews.class);

    private final PayloadSecrets secrets;
    private final TemporalSchedules temporal;

    public ScheduleViews(PayloadSecrets secrets, TemporalSchedules temporal) {
        this.secrets = secrets;
        this.temporal = temporal;
    }

    public ScheduleView of(ScheduleRow row) {
        Optional<ScheduleDescription> described;
        try {
            described = temporal.describe(row.id());
        } catch (RuntimeException e) {
            LOG.warn("Temporal did not describe schedule {}", row.id(), e);
            throw new ProblemException(ProblemType.TEMPORAL_UNAVAILABLE, "Temporal did not describe schedule "
                    + row.name() + " (" + TemporalSchedules.reason(e) + "); try again later");
        }
        Optional<ScheduleState> state = described.map(description -> description.getSchedule().getState());
        boolean enabled = state.map(s -> !s.isPaused()).orElse(row.enabled());
        List<Instant> next = enabled ? described.map(description -> description.getInfo().getNextActionTimes().stream()
                .limit(FIRE_TIMES_SHOWN).toList()).orElse(List.of()) : List.of();
        String note = state.map(ScheduleState::getNote).filter(text -> !text.isEmpty()).orElse(null);
        String self = "/api/schedules/" + row.name();
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", self);
        links.put(enabled ? "pause" : "resume", self + (enabled ? "/pause" : "/resume"));
        links.put("trigger", self + "/trigger");
        links.put("backfill", self + "/backfill");
        return new ScheduleView(row.id(), row.name(), row.cron(), row.timezone(), row.taskType(),
                secrets.redacted(row.taskType(), row.inputJson()), row.priority(), enabled, row.builtIn(), next,
                row.createdAt(), row.updatedAt(), links, ScheduleOverlap.valueOf(row.overlapPolicy()),
                row.catchupWindowSeconds(), note);
    }
}
