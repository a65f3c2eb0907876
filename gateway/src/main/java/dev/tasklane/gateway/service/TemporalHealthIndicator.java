package dev.tasklane.gateway.service;

import dev.tasklane.gateway.temporal.TemporalConnection;
import io.grpc.health.v1.HealthCheckResponse;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reports whether Temporal's frontend answers its gRPC health check, and which one it is. */
@Singleton
@Readiness
public class TemporalHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final TemporalConnection temporal;

    public TemporalHealthIndicator(TemporalConnection temporal) {
        this.temporal = temporal;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("target", temporal.target());
        details.put("embedded", temporal.isEmbedded());
        try {
            HealthCheckResponse.ServingStatus serving = temporal.stubs().healthCheck().getStatus();
            details.put("serving", serving.name());
            healthStatus = serving == HealthCheckResponse.ServingStatus.SERVING ? HealthStatus.UP : HealthStatus.DOWN;
        } catch (RuntimeException e) {
            details.put("error", e.getMessage());
            healthStatus = HealthStatus.DOWN;
        }
        return details;
    }

    @Override
    protected String getName() {
        return "temporal";
    }
}
