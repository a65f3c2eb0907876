package dev.tasklane.gateway.temporal;

import io.grpc.health.v1.HealthCheckResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class TemporalConnectionTest {

    @Inject
    TemporalConnection connection;

    @Test
    void theEmbeddedServerAlsoServesOtherClientsOnItsLoopbackPort() {
        assertTrue(connection.isEmbedded());
        assertTrue(connection.target().startsWith("127.0.0.1:"));
        WorkflowServiceStubs outside = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(connection.target()).build());
        try {
            assertEquals(HealthCheckResponse.ServingStatus.SERVING, outside.healthCheck().getStatus());
        } finally {
            outside.shutdownNow();
        }
    }

    @Test
    void theTestServersLockHistoryIsReplacedByOneThatKeepsNothing() throws Exception {
        TestServicesStarter services = new TestServicesStarter(true, 0);
        try {
            TestServerLockHistory.discard(services);

            Object timer = read(services, "selfAdvancingTimer");
            assertInstanceOf(TestServerLockHistory.KeepNothing.class, read(timer, "lockEvents"));
        } finally {
            services.close();
        }
    }

    private static Object read(Object owner, String name) throws ReflectiveOperationException {
        Field field = owner.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(owner);
    }
}
