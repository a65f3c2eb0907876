package dev.tasklane.gateway.service;

import dev.tasklane.gateway.temporal.TemporalConnection;
import dev.tasklane.gateway.temporal.TemporalDevServer;
import io.grpc.health.v1.HealthCheckResponse;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reports whether Temporal's frontend answers its gRPC health check, which one it is, and, in role all, whether
 * the dev server this process runs is up (DOWN while it is being started again).
 */
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
        Optional<TemporalDevServer> devServer = temporal.devServer();
        details.put("devServer", devServer.isPresent());
        if (devServer.isPresent() && !devServer.get().isRunning()) {
            details.put("error", "Temporal's dev server is not running; it is being started again");
            healthStatus = HealthStatus.DOWN;
            return details;
        }
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
