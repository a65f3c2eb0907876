package dev.tasklane.gateway.service;

import dev.tasklane.gateway.queue.IntakeControl;
import dev.tasklane.gateway.security.Caller;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.endpoint.health.HealthLevelOfDetail;
import io.micronaut.management.health.aggregator.HealthAggregator;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import io.micronaut.security.authentication.Authentication;

import java.security.Principal;

/**
 * {@code /health} for anyone, but only its status: which Temporal and store a process uses, and their errors, are for
 * the operator (an ADMIN of the operator tenant) alone.
 */
@Endpoint(id = HealthEndpoint.NAME, defaultSensitive = HealthEndpoint.DEFAULT_SENSITIVE)
@Replaces(HealthEndpoint.class)
public class OperatorHealthEndpoint extends HealthEndpoint {

    private final IntakeControl intake;

    public OperatorHealthEndpoint(HealthAggregator<HealthResult> healthAggregator, HealthIndicator[] healthIndicators,
                                  @Liveness HealthIndicator[] livenessHealthIndicators, IntakeControl intake) {
        super(healthAggregator, healthIndicators, livenessHealthIndicators);
        this.intake = intake;
    }

    @Override
    protected HealthLevelOfDetail levelOfDetail(@Nullable Principal principal) {
        return principal instanceof Authentication authentication && intake.isOperator(Caller.of(authentication))
                ? super.levelOfDetail(principal) : HealthLevelOfDetail.STATUS;
    }
}
