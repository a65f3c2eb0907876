package dev.tasklane.gateway.temporal;

import io.grpc.health.v1.HealthCheckResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class TemporalConnectionTest {

    @Inject
    TemporalConnection connection;

    @Test
    void theDevServerServesOtherClientsOnItsLoopbackPort() {
        assertTrue(connection.devServer().isPresent());
        assertTrue(connection.target().startsWith("127.0.0.1:"));
        WorkflowServiceStubs outside = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(connection.target()).build());
        try {
            assertEquals(HealthCheckResponse.ServingStatus.SERVING, outside.healthCheck().getStatus());
        } finally {
            outside.shutdownNow();
        }
    }
}
