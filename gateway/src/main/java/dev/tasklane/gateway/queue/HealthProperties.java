package dev.tasklane.gateway.queue;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * When {@code GET /api/queue/health} raises an alert ({@code tasklane.health.*}).
 *
 * @param failureWindow        the span the failure rate is measured over
 * @param minimumFinished      fewer finished tasks than this in the window raise no failure-rate alert
 * @param failureRateDegraded  a share of failed and timed-out tasks from which the queue is degraded
 * @param failureRateUnhealthy and from which it is unhealthy
 * @param queuedAgeDegraded    the oldest queued task's wait from which the queue is degraded
 * @param queuedAgeUnhealthy   and from which it is unhealthy
 * @param expectedRunTime      a task without a timeout running longer than this is overrunning; one with a timeout
 *                             is overrunning past its timeout
 */
@ConfigurationProperties("tasklane.health")
public record HealthProperties(@Bindable(defaultValue = "15m") Duration failureWindow,
                               @Bindable(defaultValue = "10") int minimumFinished,
                               @Bindable(defaultValue = "0.1") double failureRateDegraded,
                               @Bindable(defaultValue = "0.25") double failureRateUnhealthy,
                               @Bindable(defaultValue = "5m") Duration queuedAgeDegraded,
                               @Bindable(defaultValue = "30m") Duration queuedAgeUnhealthy,
                               @Bindable(defaultValue = "1h") Duration expectedRunTime) {
}
