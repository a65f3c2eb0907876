package dev.tasklane.gateway.scaleout;

import dev.tasklane.activities.testing.WebhookReceiver;
import dev.tasklane.activities.testing.WebhookReceiver.Reply;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.Await;
import dev.tasklane.gateway.support.SseReader;
import dev.tasklane.gateway.support.SseReader.SseEvent;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tasklane as separate processes (one standalone Temporal dev server, PostgreSQL, gateways and two workers, all on
 * 127.0.0.1), and what happens when one of them dies: a worker or a gateway killed with {@code kill -9}, Temporal
 * or PostgreSQL stopped. Runs when {@code TASKLANE_TEST_POSTGRES_URL} is set; the tests follow on from each other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    private static final Logger LOG = LoggerFactory.getLogger(ScaleOutIT.class);
    private static final int WORKER_SLOTS = 4;
    private static final Duration TASKS_FINISH = Duration.ofSeconds(120);

    private final JsonMapper json = JsonMapper.createDefault();
    private PostgresUnderTest postgres;
    private ScaleOutCluster cluster;
    private Api api;

    @BeforeAll
    void startCluster() throws Exception {
        postgres = PostgresUnderTest.configured().orElse(null);
        Assumptions.assumeTrue(postgres != null, "PostgreSQL tests skipped: " + PostgresUnderTest.HOW_TO_RUN);
        cluster = ScaleOutCluster.create("scale-out", postgres);
        cluster.startTemporal();
        URI gateway = cluster.startGateway("gateway-1");
        Map<String, String> slots = Map.of("TASKLANE_WORKER_MAX_CONCURRENT_ACTIVITIES", Integer.toString(WORKER_SLOTS));
        cluster.startWorker("worker-1", slots);
        cluster.startWorker("worker-2", slots);
        api = Api.at(gateway, json);
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void eventsWorkersWriteReachTheGatewaysStreamsInOrder() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start("127.0.0.1");
             SseReader stream = api.stream("/api/tasks/events", null)) {
            List<String> ids = submit(receiver, "quick", 20);
            List<SseEvent> events = readUntilFinished(stream, ids, List.of());
            assertStrictlyIncreasing(events);
            assertEquals(storedEventIds(ids), ids(events), "the stream carries every stored event of the tasks");
        }
    }

    @Test
    @Order(2)
    void aWorkerKilledMidDeliveryLeavesItsTasksToTheOther() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start("127.0.0.1")) {
            receiver.otherwise(Reply.heldUntilReleased(200));
            List<String> ids = submit(receiver, "slow", 4 * WORKER_SLOTS);
            Await.until("both workers to be mid-delivery", Duration.ofSeconds(60), receiver::count,
                    count -> count == 2 * WORKER_SLOTS);
            cluster.kill("worker-1");
            receiver.release();
            ids.forEach(id -> awaitFinished(id, "COMPLETED"));

            Map<String, Long> receipts = receiver.requests().stream()
                    .collect(Collectors.groupingBy(r -> r.header("Tasklane-Delivery-Id"), Collectors.counting()));
            Set<String> redelivered = receipts.entrySet().stream().filter(e -> e.getValue() > 1)
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
            assertEquals(ids.size(), receipts.size(), "every task was delivered: " + receipts);
            assertTrue(receipts.values().stream().allMatch(n -> n <= 2), "no delivery more than twice: " + receipts);
            assertEquals(WORKER_SLOTS, redelivered.size(),
                    "exactly the deliveries the killed worker had in flight came again: " + receipts);
            LOG.info("worker killed mid-delivery: {} of {} deliveries received twice, none more often",
                    redelivered.size(), ids.size());
            for (String id : ids) {
                String path = "/slow/" + ids.indexOf(id);
                String deliveryId = receiver.requests().stream().filter(r -> r.path().equals(path))
                        .findFirst().orElseThrow().header("Tasklane-Delivery-Id");
                assertEquals(redelivered.contains(deliveryId) ? "2" : "1",
                        api.get("/api/tasks/" + id).json().get("attempt").getValue().toString(),
                        "task " + id + " records the attempts its receiver saw");
            }
        }
        cluster.restart("worker-1");
    }

    @Test
    @Order(3)
    void aGatewayKilledAndRestartedResumesStreamsWithoutAGap() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start("127.0.0.1")) {
            receiver.otherwise(Reply.heldUntilReleased(200));
            List<SseEvent> beforeKill = new ArrayList<>();
            List<String> ids;
            try (SseReader stream = api.stream("/api/tasks/events", null)) {
                ids = submit(receiver, "resumed", 10);
                while (beforeKill.size() < ids.size()) {
                    beforeKill.add(next(stream));
                }
                cluster.kill("gateway-1");
            }
            receiver.release();
            Await.until("the workers to finish the tasks while no gateway runs", TASKS_FINISH,
                    () -> finishedInStore(ids), finished -> finished == ids.size());

            cluster.restart("gateway-1");
            URI secondGateway = cluster.startGateway("gateway-2");
            String lastSeen = beforeKill.get(beforeKill.size() - 1).id();
            List<SseEvent> resumed;
            List<SseEvent> resumedElsewhere;
            try (SseReader stream = api.stream("/api/tasks/events", lastSeen);
                 SseReader other = Api.at(secondGateway, json).stream("/api/tasks/events", lastSeen)) {
                resumed = readUntilFinished(stream, ids, beforeKill);
                resumedElsewhere = readUntilFinished(other, ids, beforeKill);
            }
            List<SseEvent> all = new ArrayList<>(beforeKill);
            all.addAll(resumed);
            assertStrictlyIncreasing(all);
            assertEquals(storedEventIds(ids), ids(all), "no event missed across the gateway's death");
            assertEquals(ids(resumed), ids(resumedElsewhere), "another gateway resumes the stream the same way");
        }
    }

    @Test
    @Order(4)
    void withTemporalStoppedSubmissionsGet503AndNothingIsStored() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start("127.0.0.1")) {
            cluster.kill("temporal");
            int stored = tasksInStore();
            assertUnavailable(api.post("/api/tasks", delivery(receiver, "refused")), "temporal-unavailable", "temporal");
            assertEquals(stored, tasksInStore(), "the refused submission left no task behind");

            cluster.restart("temporal");
            awaitAcceptedAndCompleted(receiver);
        }
    }

    @Test
    @Order(5)
    void withPostgresqlStoppedRequestsGet503AndRecover() throws Exception {
        Assumptions.assumeTrue(postgres.control().isPresent(),
                "stopping PostgreSQL skipped: set TASKLANE_TEST_POSTGRES_CONTROL to the command that takes stop or start");
        try (WebhookReceiver receiver = WebhookReceiver.start("127.0.0.1")) {
            postgres.control("stop");
            try {
                assertUnavailable(api.post("/api/tasks", delivery(receiver, "refused")), "store-unavailable", "store");
            } finally {
                postgres.control("start");
            }
            awaitAcceptedAndCompleted(receiver);
        }
    }

    /** A 503 problem naming the dependency, and health DOWN with the dependency's reason. */
    private void assertUnavailable(Api.Response refused, String problem, String healthCheck) {
        assertEquals(503, refused.status(), refused.text());
        assertEquals("application/problem+json", refused.contentType());
        assertEquals("urn:tasklane:problem:" + problem, refused.field("type"), refused.text());
        Api.Response health = api.get("/health");
        assertEquals(503, health.status(), health.text());
        JsonNode check = health.json().get("details").get(healthCheck);
        assertEquals("DOWN", check.get("status").getStringValue(), health.text());
        assertTrue(health.text().contains("error"), "health gives the reason: " + health.text());
    }

    private void awaitAcceptedAndCompleted(WebhookReceiver receiver) {
        String id = Await.until("submissions to be accepted again", TASKS_FINISH,
                () -> api.post("/api/tasks", delivery(receiver, "recovered")), r -> r.status() == 202).field("id");
        awaitFinished(id, "COMPLETED");
        assertEquals(200, api.get("/health").status(), "health is UP again");
    }

    private static String delivery(WebhookReceiver receiver, String path) {
        return """
                {"type":"webhook-delivery","payload":{"url":"%s","body":{"n":0}}}""".formatted(receiver.url("/" + path));
    }

    private List<String> submit(WebhookReceiver receiver, String path, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Api.Response response = api.post("/api/tasks", delivery(receiver, path + "/" + i));
            assertEquals(202, response.status(), response.text());
            ids.add(response.field("id"));
        }
        return ids;
    }

    private void awaitFinished(String id, String status) {
        Await.until("task " + id + " to be " + status, TASKS_FINISH, () -> api.get("/api/tasks/" + id).field("status"),
                status::equals);
    }

    /** Reads the stream until each task's terminal event has come, counting those already in {@code before}. */
    private List<SseEvent> readUntilFinished(SseReader stream, Collection<String> ids, List<SseEvent> before)
            throws InterruptedException, IOException {
        Set<String> unfinished = new HashSet<>(ids);
        for (SseEvent event : before) {
            finish(event, unfinished);
        }
        List<SseEvent> events = new ArrayList<>();
        while (!unfinished.isEmpty()) {
            SseEvent event = next(stream);
            events.add(event);
            finish(event, unfinished);
        }
        return events;
    }

    private void finish(SseEvent event, Set<String> unfinished) throws IOException {
        JsonNode data = json.readValue(event.data(), JsonNode.class);
        if (Set.of("task_completed", "task_failed", "task_cancelled").contains(event.name())) {
            unfinished.remove(data.get("taskId").getStringValue());
        }
    }

    private static SseEvent next(SseReader stream) throws InterruptedException {
        SseEvent event = stream.next(TASKS_FINISH);
        if (event == null) {
            throw new AssertionError("the stream ended or went quiet");
        }
        return event;
    }

    private static List<Long> ids(List<SseEvent> events) {
        return events.stream().map(e -> Long.parseLong(e.id())).toList();
    }

    private static void assertStrictlyIncreasing(List<SseEvent> events) {
        List<Long> ids = ids(events);
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(ids.get(i) > ids.get(i - 1), "event ids go up: " + ids);
        }
    }

    private List<Long> storedEventIds(List<String> taskIds) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection connection = store();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT id FROM task_event WHERE task_id = ANY (?) ORDER BY id")) {
            statement.setArray(1, connection.createArrayOf("varchar", taskIds.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        return ids;
    }

    private int finishedInStore(List<String> taskIds) {
        try (Connection connection = store();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT COUNT(*) FROM task WHERE id = ANY (?) AND status = 'COMPLETED'")) {
            statement.setArray(1, connection.createArrayOf("varchar", taskIds.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private int tasksInStore() throws SQLException {
        try (Connection connection = store();
             ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM task")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private Connection store() throws SQLException {
        return DriverManager.getConnection(cluster.storeUrl(), postgres.user(), postgres.password());
    }
}
