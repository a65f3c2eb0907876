package dev.tasklane.gateway.flow;

import com.sun.net.httpserver.HttpServer;
import dev.tasklane.gateway.scaleout.PostgresUnderTest;
import dev.tasklane.gateway.scaleout.ScaleOutCluster;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.Await;
import dev.tasklane.gateway.support.Tokens;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flow control across separate processes on one PostgreSQL store and one Temporal: a concurrency limit per tenant and
 * a rate limit per destination host hold over two general workers, while other keys run freely, and a documents-only
 * worker serves the documents' own task queue beside them. Runs when {@code TASKLANE_TEST_POSTGRES_URL} is set.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlowControlIT {

    private static final Logger LOG = LoggerFactory.getLogger(FlowControlIT.class);
    private static final int PER_TENANT = 3;
    private static final int RATE = 4;
    private static final Duration RATE_PERIOD = Duration.ofSeconds(10);
    private static final Duration HANDLING = Duration.ofMillis(300);
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String GENERAL_QUEUE = "tasklane";

    private final JsonMapper json = JsonMapper.createDefault();
    private ScaleOutCluster cluster;
    private Api api;
    private HttpServer receiver;
    private WorkflowServiceStubs temporal;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> mostInFlight = new ConcurrentHashMap<>();
    private final Map<String, List<Instant>> arrivals = new ConcurrentHashMap<>();

    @BeforeAll
    void startCluster() throws Exception {
        PostgresUnderTest postgres = PostgresUnderTest.configured().orElse(null);
        Assumptions.assumeTrue(postgres != null, "PostgreSQL tests skipped: " + PostgresUnderTest.HOW_TO_RUN);
        startReceiver();
        cluster = ScaleOutCluster.create("flow-control", postgres);
        Path limits = Files.writeString(Path.of("target", "scale-out", "flow-control", "limits.yml"), """
                tasklane:
                  limits:
                    per-tenant:
                      task-types: webhook-delivery
                      key: tenant
                      concurrency: %d
                    paced:
                      task-types: url-check
                      key: destination-host
                      rate: %d
                      period: %ds
                """.formatted(PER_TENANT, RATE, RATE_PERIOD.toSeconds()));
        Map<String, String> shared = Map.of("MICRONAUT_CONFIG_FILES", limits.toAbsolutePath().toString(),
                "TASKLANE_TASK_QUEUE_ROUTES", "document-pipeline=documents");
        cluster.startTemporal();
        URI gateway = cluster.startGateway("gateway", shared);
        for (String worker : List.of("general-1", "general-2")) {
            Map<String, String> environment = new java.util.HashMap<>(shared);
            environment.put("TASKLANE_WORKER_QUEUES", GENERAL_QUEUE);
            cluster.startWorker(worker, environment);
        }
        Map<String, String> documents = new java.util.HashMap<>(shared);
        documents.put("TASKLANE_WORKER_TASK_TYPES", "document-pipeline");
        cluster.startWorker("documents", documents);
        api = Api.at(gateway, json);
        temporal = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(cluster.temporalAddress()).build());
    }

    /** A receiver on 127.0.0.1 that takes {@link #HANDLING} per request and counts, per path, how many it holds. */
    private void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        receiver.setExecutor(Executors.newFixedThreadPool(32));
        receiver.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            arrivals.computeIfAbsent(path, p -> Collections.synchronizedList(new ArrayList<>())).add(Instant.now());
            int now = inFlight.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            mostInFlight.computeIfAbsent(path, p -> new AtomicInteger()).accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(HANDLING.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.get(path).decrementAndGet();
            }
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    @AfterAll
    void stopAll() {
        if (temporal != null) {
            temporal.shutdownNow();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private String submit(Api as, String type, String payload) {
        Api.Response submitted = as.post("/api/tasks", """
                {"type":"%s","payload":%s}""".formatted(type, payload));
        assertEquals(202, submitted.status(), submitted.text());
        return submitted.field("id");
    }

    private void awaitAll(Api as, List<String> ids) {
        for (String id : ids) {
            Await.until("task " + id + " to complete", PATIENCE, () -> as.get("/api/tasks/" + id).field("status"),
                    status -> status.equals("COMPLETED"));
        }
    }

    /** The identities of the workers that ran the task's workflow and activity tasks, as its history records them. */
    private Set<String> workersOf(String taskId) {
        WorkflowClient client = WorkflowClient.newInstance(temporal);
        Set<String> identities = new HashSet<>();
        for (HistoryEvent event : client.fetchHistory(taskId).getHistory().getEventsList()) {
            if (event.hasWorkflowTaskStartedEventAttributes()) {
                identities.add(event.getWorkflowTaskStartedEventAttributes().getIdentity());
            } else if (event.hasActivityTaskStartedEventAttributes()) {
                identities.add(event.getActivityTaskStartedEventAttributes().getIdentity());
            }
        }
        return identities;
    }

    private String processOf(String identity) {
        for (String name : List.of("general-1", "general-2", "documents")) {
            if (identity.startsWith(cluster.workerIdentityPrefix(name))) {
                return name;
            }
        }
        return "unknown: " + identity;
    }

    @Test
    void aTenantRunsAtMostItsLimitAtOnceOverBothWorkersWhileAnotherTenantIsNotSlowed() {
        Api busy = api.as(Tokens.of("bea", "busy", "USER"));
        Api calm = api.as(Tokens.of("cal", "calm", "USER"));
        List<String> busyTasks = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            busyTasks.add(submit(busy, "webhook-delivery", "{\"url\":\"" + url("/busy") + "\"}"));
        }
        Await.until("the busy tenant's tasks to wait", PATIENCE,
                () -> busy.get("/api/tasks?status=WAITING").json().get("items").size(), waiting -> waiting >= 6);
        Instant calmSubmitted = Instant.now();
        List<String> calmTasks = new ArrayList<>();
        for (int i = 0; i < PER_TENANT; i++) {
            calmTasks.add(submit(calm, "webhook-delivery", "{\"url\":\"" + url("/calm") + "\"}"));
        }
        awaitAll(calm, calmTasks);
        Duration calmTook = Duration.between(calmSubmitted, Instant.now());
        awaitAll(busy, busyTasks);

        Set<String> processes = new HashSet<>();
        busyTasks.forEach(id -> workersOf(id).forEach(identity -> processes.add(processOf(identity))));
        LOG.info("per-tenant limit {}: at most {} of the busy tenant's deliveries at once, over {}; the calm tenant's {}"
                + " took {} ms", PER_TENANT, mostInFlight.get("/busy"), processes, PER_TENANT, calmTook.toMillis());
        assertEquals(PER_TENANT, mostInFlight.get("/busy").get(), "the busy tenant ran up to its limit, never past it");
        assertEquals(Set.of("general-1", "general-2"), processes, "both general workers ran the busy tenant's tasks");
        assertEquals(PER_TENANT, mostInFlight.get("/calm").get(), "the calm tenant's tasks ran at once");
        assertTrue(calmTook.compareTo(Duration.ofSeconds(5)) < 0, "the calm tenant waited for none: " + calmTook);
    }

    @Test
    void urlChecksOfOneHostStartNoMoreOftenThanTheRateAllows() {
        List<String> checks = new ArrayList<>();
        for (int i = 0; i < 3 * RATE; i++) {
            checks.add(submit(api, "url-check", "{\"url\":\"" + url("/paced") + "\"}"));
        }
        awaitAll(api, checks);

        List<Instant> started = new ArrayList<>();
        for (String id : checks) {
            started.add(Instant.parse(api.get("/api/tasks/" + id).field("startedAt")));
        }
        Collections.sort(started);
        int most = 0;
        for (int i = 0; i < started.size(); i++) {
            int within = 0;
            for (Instant other : started.subList(i, started.size())) {
                // the store's clock and the catalog's differ by the few milliseconds between them
                if (Duration.between(started.get(i), other).compareTo(RATE_PERIOD.minusMillis(250)) < 0) {
                    within++;
                }
            }
            most = Math.max(most, within);
        }
        Duration span = Duration.between(started.get(0), started.get(started.size() - 1));
        LOG.info("rate {} per {} s: at most {} of {} url checks started within any period; all started over {} ms", RATE,
                RATE_PERIOD.toSeconds(), most, checks.size(), span.toMillis());
        assertEquals(RATE, most, "the rate was reached and never passed");
        assertTrue(span.compareTo(RATE_PERIOD.multipliedBy(2)) >= 0, "three periods' worth took two periods: " + span);
    }

    @Test
    void aDocumentsOnlyWorkerRunsTheDocumentsBesideTheGeneralWorkers() {
        String document = api.post("/api/documents", """
                {"text":"Quarterly report. Revenue grew and the board approved the budget for next year."}""")
                .json().get("task").get("id").getStringValue();
        String delivery = submit(api, "webhook-delivery", "{\"url\":\"" + url("/general") + "\"}");
        awaitAll(api, List.of(document, delivery));

        Set<String> documentProcesses = new HashSet<>();
        workersOf(document).forEach(identity -> documentProcesses.add(processOf(identity)));
        Set<String> deliveryProcesses = new HashSet<>();
        workersOf(delivery).forEach(identity -> deliveryProcesses.add(processOf(identity)));
        assertEquals(Set.of("documents"), documentProcesses);
        assertTrue(Set.of("general-1", "general-2").containsAll(deliveryProcesses), deliveryProcesses.toString());
        JsonNode queues = api.get("/api/queue/status").json().get("workers").get("queues");
        Map<String, Integer> pollers = new java.util.HashMap<>();
        for (JsonNode queue : queues.values()) {
            pollers.put(queue.get("name").getStringValue(), queue.get("pollers").getIntValue());
        }
        assertEquals(Map.of(GENERAL_QUEUE, 2, "documents", 1), pollers);
    }
}
