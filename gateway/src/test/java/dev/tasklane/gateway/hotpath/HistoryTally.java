package dev.tasklane.gateway.hotpath;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A workflow's history in the numbers a budget limits: its events, its workflow tasks (completed ones), its activity
 * tasks (one per attempt) and its local activities (their markers).
 */
record HistoryTally(int events, int workflowTasks, int activityTasks, int localActivities,
                    Map<EventType, Integer> byType) {

    private static final String LOCAL_ACTIVITY_MARKER = "LocalActivity";

    static HistoryTally of(WorkflowExecutionHistory history) {
        Map<EventType, Integer> byType = new EnumMap<>(EventType.class);
        int activityTasks = 0;
        int localActivities = 0;
        for (HistoryEvent event : history.getEvents()) {
            byType.merge(event.getEventType(), 1, Integer::sum);
            if (event.hasActivityTaskStartedEventAttributes()) {
                activityTasks += event.getActivityTaskStartedEventAttributes().getAttempt();
            }
            if (event.hasMarkerRecordedEventAttributes()
                    && LOCAL_ACTIVITY_MARKER.equals(event.getMarkerRecordedEventAttributes().getMarkerName())) {
                localActivities++;
            }
        }
        return new HistoryTally(history.getEvents().size(),
                byType.getOrDefault(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, 0), activityTasks, localActivities,
                Collections.unmodifiableMap(byType));
    }

    /** The figures and the events by type, in the order of the event types. */
    String lines() {
        return "  " + events + " events; workflow tasks " + workflowTasks + ", activity tasks " + activityTasks
                + ", local activities " + localActivities + "; by type:\n" + byType.entrySet().stream()
                .map(e -> "    " + e.getValue() + " x " + e.getKey().name().replaceFirst("^EVENT_TYPE_", ""))
                .collect(Collectors.joining("\n"));
    }
}
