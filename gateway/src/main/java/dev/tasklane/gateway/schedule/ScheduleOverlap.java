package dev.tasklane.gateway.schedule;

import io.temporal.api.enums.v1.ScheduleOverlapPolicy;

import java.util.Arrays;
import java.util.Optional;

/** The overlap policies a schedule may name: Temporal's, by their short names. */
public enum ScheduleOverlap {
    SKIP, BUFFER_ONE, BUFFER_ALL, CANCEL_OTHER, TERMINATE_OTHER, ALLOW_ALL;

    public ScheduleOverlapPolicy temporal() {
        return ScheduleOverlapPolicy.valueOf("SCHEDULE_OVERLAP_POLICY_" + name());
    }

    public static Optional<ScheduleOverlap> named(String name) {
        return Arrays.stream(values()).filter(policy -> policy.name().equals(name)).findFirst();
    }

    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(Enum::name).toList());
    }
}
