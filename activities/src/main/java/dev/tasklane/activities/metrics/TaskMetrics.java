package dev.tasklane.activities.metrics;

import dev.tasklane.store.event.TaskEventAppended;
import dev.tasklane.store.event.TaskEventRow;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Tasklane's own meters, counted where the thing happens so several processes add up rather than double:
 * {@code tasklane.tasks.submitted} by the gateway that took the submission, {@code tasklane.tasks.finished} and
 * the {@code tasklane.tasks.duration} timer (start to end) by the process that recorded the end.
 */
@Singleton
public class TaskMetrics implements ApplicationEventListener<TaskEventAppended> {

    private final MeterRegistry registry;

    public TaskMetrics(@Nullable MeterRegistry registry) {
        this.registry = registry == null ? new SimpleMeterRegistry() : registry;
    }

    public void submitted(String type) {
        Counter.builder("tasklane.tasks.submitted").description("Tasks submitted").tag("type", type)
                .register(registry).increment();
    }

    /** Counts a task that just ended, and times it when it had started. */
    @Override
    public void onApplicationEvent(TaskEventAppended appended) {
        TaskEventRow event = appended.event();
        if (!event.status().isTerminal()) {
            return;
        }
        String status = event.status().name();
        Counter.builder("tasklane.tasks.finished").description("Tasks ended, by final status")
                .tag("type", event.taskType()).tag("status", status).register(registry).increment();
        if (appended.taskStartedAt() != null) {
            Timer.builder("tasklane.tasks.duration").description("Start to end of tasks that ran")
                    .tag("type", event.taskType()).tag("status", status)
                    .publishPercentiles(0.5, 0.95, 0.99)
                    .register(registry).record(Duration.between(appended.taskStartedAt(), event.at()));
        }
    }
}
