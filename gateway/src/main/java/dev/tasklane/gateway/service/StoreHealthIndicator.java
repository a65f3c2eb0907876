package dev.tasklane.gateway.service;

import dev.tasklane.store.event.TaskEventRepository;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Reports whether the task store answers a query that reads stored rows. A connection's validity check is not
 * enough: an H2 store whose file was closed under it still hands out connections that call themselves valid.
 */
@Singleton
@Readiness
public class StoreHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final TaskEventRepository events;

    public StoreHealthIndicator(TaskEventRepository events) {
        this.events = events;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        try {
            events.findNewest(1);
            healthStatus = HealthStatus.UP;
            return Map.of();
        } catch (RuntimeException e) {
            healthStatus = HealthStatus.DOWN;
            return Map.of("error", String.valueOf(e.getMessage()));
        }
    }

    @Override
    protected String getName() {
        return "store";
    }
}
