package dev.tasklane.gateway;

import dev.tasklane.activities.testing.WebhookReceiver;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.Await;
import dev.tasklane.gateway.support.StandaloneTemporal;
import dev.tasklane.gateway.temporal.TemporalConnection;
import dev.tasklane.gateway.worker.WorkerHost;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    @Test
    void aDocumentsOnlyWorkerRunsTheDocumentsAGeneralWorkerLeavesWaitingOnTheirOwnQueue() {
        Map<String, Object> shared = new HashMap<>();
        shared.put("datasources.default.url", "jdbc:h2:mem:queues-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        shared.put("tasklane.temporal.address", address);
        shared.put("tasklane.temporal.task-queue", "general-" + UUID.randomUUID());
        String documents = "documents-" + UUID.randomUUID();
        shared.put("tasklane.temporal.routes", "document-pipeline=" + documents);
        shared.put("micronaut.server.port", -1);
        shared.put("tasklane.webhook.allowed-hosts", "127.0.0.1");
        Map<String, Object> general = with(shared, "worker");
        general.put("tasklane.worker.queues", shared.get("tasklane.temporal.task-queue"));
        Map<String, Object> documentsOnly = with(shared, "worker");
        documentsOnly.put("tasklane.worker.task-types", "document-pipeline");
        // on PostgreSQL each application starts from an empty schema: the workers join the gateway's instead
        for (Map<String, Object> worker : List.of(general, documentsOnly)) {
            worker.put("flyway.datasources.default.clean-schema", false);
        }
        try (WebhookReceiver receiver = WebhookReceiver.start("127.0.0.1");
             EmbeddedServer gateway = ApplicationContext.run(EmbeddedServer.class, with(shared, "gateway"), "test");
             EmbeddedServer generalWorker = ApplicationContext.run(EmbeddedServer.class, general, "test")) {
            Api api = new Api(gateway, gateway.getApplicationContext().getBean(JsonMapper.class));
            String document = api.post("/api/documents", """
                    {"text":"Minutes of the board meeting. The budget for next year was approved."}""")
                    .json().get("task").get("id").getStringValue();
            String delivery = api.post("/api/tasks", """
                    {"type":"webhook-delivery","payload":{"url":"%s"}}""".formatted(receiver.url("/general")))
                    .field("id");

            api.awaitStatus(delivery, "COMPLETED");
            Await.until("the document's workflow task waiting on its own queue", Duration.ofSeconds(20),
                    () -> queue(api, documents).get("backlog").getLongValue(), backlog -> backlog >= 1);
            assertEquals("QUEUED", api.get("/api/tasks/" + document).field("status"));
            assertEquals(0, queue(api, documents).get("pollers").getIntValue());
            assertEquals("document-pipeline", queue(api, documents).get("taskTypes").get(0).getStringValue());

            try (EmbeddedServer documentsWorker = ApplicationContext.run(EmbeddedServer.class, documentsOnly, "test")) {
                api.awaitStatus(document, "COMPLETED");
                assertEquals(1, queue(api, documents).get("pollers").getIntValue());
            }
        }
    }

    @Test
    void aWorkerForATypeThatSharesItsQueueRefusesToStartSayingWhatToDo() {
        Map<String, Object> worker = new HashMap<>();
        worker.put("datasources.default.url", "jdbc:h2:mem:refused-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        worker.put("tasklane.temporal.address", address);
        worker.put("micronaut.server.port", -1);
        worker.put("tasklane.role", "worker");
        worker.put("tasklane.worker.task-types", "webhook-delivery");

        Exception refused = assertThrows(Exception.class,
                () -> ApplicationContext.run(EmbeddedServer.class, worker, "test").close());

        String why = String.valueOf(rootCause(refused).getMessage());
        assertTrue(why.contains("webhook-delivery shares task queue tasklane with")
                && why.contains("TASKLANE_TASK_QUEUE_ROUTES"), why);
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static JsonNode queue(Api api, String name) {
        for (JsonNode queue : api.get("/api/queue/status").json().get("workers").get("queues").values()) {
            if (queue.get("name").getStringValue().equals(name)) {
                return queue;
            }
        }
        throw new AssertionError("no queue " + name + " in the queue status");
    }

    private static Map<String, Object> with(Map<String, Object> shared, String role) {
        Map<String, Object> properties = new HashMap<>(shared);
        properties.put("tasklane.role", role);
        return properties;
    }
}
