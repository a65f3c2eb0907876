package dev.tasklane.gateway;

import dev.tasklane.activities.testing.WebhookReceiver;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.StandaloneTemporal;
import dev.tasklane.gateway.temporal.TemporalConnection;
import dev.tasklane.gateway.worker.WorkerHost;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway and worker roles as separate processes would run them, against an external Temporal. */
class RolesTest {

    private static StandaloneTemporal externalTemporal;
    private static String address;

    @BeforeAll
    static void startExternalTemporal() {
        externalTemporal = StandaloneTemporal.start();
        address = externalTemporal.address();
    }

    @AfterAll
    static void stopExternalTemporal() {
        externalTemporal.close();
    }

    @Test
    void aGatewayAndAWorkerSharingAStoreRunATaskTogether() {
        Map<String, Object> shared = new HashMap<>();
        shared.put("datasources.default.url", "jdbc:h2:mem:roles-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        shared.put("tasklane.temporal.address", address);
        shared.put("micronaut.server.port", -1);
        shared.put("tasklane.webhook.allowed-hosts", "127.0.0.1");
        try (WebhookReceiver receiver = WebhookReceiver.start("127.0.0.1");
             EmbeddedServer gateway = ApplicationContext.run(EmbeddedServer.class, with(shared, "gateway"), "test");
             EmbeddedServer worker = ApplicationContext.run(EmbeddedServer.class, with(shared, "worker"), "test")) {
            assertFalse(gateway.getApplicationContext().containsBean(WorkerHost.class));
            assertFalse(gateway.getApplicationContext().getBean(TemporalConnection.class).devServer().isPresent());
            assertTrue(worker.getApplicationContext().containsBean(WorkerHost.class));
            for (EmbeddedServer server : List.of(gateway, worker)) {
                assertEquals(Optional.empty(), server.getApplicationContext().getBean(HttpServerConfiguration.class)
                        .getHost(), "a gateway or worker listens on every address");
            }
            Api gatewayApi = new Api(gateway, gateway.getApplicationContext().getBean(JsonMapper.class));
            Api workerApi = new Api(worker, worker.getApplicationContext().getBean(JsonMapper.class));

            String id = gatewayApi.post("/api/tasks", """
                    {"type":"webhook-delivery","payload":{"url":"%s"}}""".formatted(receiver.url("/split"))).field("id");

            gatewayApi.awaitStatus(id, "COMPLETED");
            assertEquals(id, receiver.requests().get(0).header("Tasklane-Delivery-Id"));
            assertEquals("GATEWAY", gatewayApi.get("/api/service/status").field("role"));
            assertEquals(404, workerApi.get("/api/tasks/" + id).status());
            assertEquals(200, workerApi.get("/health").status());
            Api.Response metrics = workerApi.as(null).get("/prometheus");
            assertEquals(200, metrics.status(), "a worker serves its metrics without a token");
            assertTrue(metrics.text().contains("jvm_memory_used_bytes"), metrics.text());
        }
    }

    private static Map<String, Object> with(Map<String, Object> shared, String role) {
        Map<String, Object> properties = new HashMap<>(shared);
        properties.put("tasklane.role", role);
        return properties;
    }
}
