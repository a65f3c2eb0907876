package dev.tasklane.activities.metrics;

import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;

/**
 * Tasklane's own meters, counted where the thing happens so several processes add up rather than double:
 * {@code tasklane.tasks.submitted} by the gateway that took the submission, {@code tasklane.tasks.finished} and
 * the {@code tasklane.tasks.duration} timer (start to end) by the process that recorded the end.
 */
@Singleton
public class TaskMetrics {

    private final MeterRegistry registry;

    public TaskMetrics(@Nullable MeterRegistry registry) {
        this.registry = registry == null ? new SimpleMeterRegistry() : registry;
    }

    public void submitted(String type) {
        Counter.builder("tasklane.tasks.submitted").description("Tasks submitted").tag("type", type)
                .register(registry).increment();
    }

    /** Counts a task of {@code type} that just ended in {@code status}, and times it when it had started. */
    public void finished(String type, TaskStatus status, @Nullable Instant startedAt, Instant endedAt) {
        Counter.builder("tasklane.tasks.finished").description("Tasks ended, by final status")
                .tag("type", type).tag("status", status.name()).register(registry).increment();
        if (startedAt != null) {
            Timer.builder("tasklane.tasks.duration").description("Start to end of tasks that ran")
                    .tag("type", type).tag("status", status.name())
                    .publishPercentiles(0.5, 0.95, 0.99)
                    .register(registry).record(Duration.between(startedAt, endedAt));
        }
    }
}
