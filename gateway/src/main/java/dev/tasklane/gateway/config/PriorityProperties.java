package dev.tasklane.gateway.config;

import dev.tasklane.workflows.lifecycle.TaskPriority;
import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * How priorities move after submission ({@code tasklane.priority.*}).
 *
 * @param ageingAfter a task ready to run that has waited this long since its submission, or since its priority last
 *                    changed, moves up a level; 0: no ageing
 * @param ageingUpTo  the highest level ageing moves a task to
 * @param retryBoost  the levels a task retried by hand runs above the task it retries, CRITICAL at most
 */
@ConfigurationProperties("tasklane.priority")
public record PriorityProperties(Duration ageingAfter, TaskPriority ageingUpTo, int retryBoost) {

    /** Whether tasks age at all. */
    public boolean ages() {
        return ageingAfter.compareTo(Duration.ZERO) > 0;
    }
}
