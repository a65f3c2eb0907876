package dev.tasklane.gateway.benchmark;

import dev.tasklane.gateway.benchmark.Arrivals.Arrival;
import dev.tasklane.gateway.security.TokenMinter;
import dev.tasklane.gateway.support.Api;
import io.micronaut.json.JsonMapper;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Who gets the worker first on Temporal's dev server, with one activity slot and a backlog: a CRITICAL task submitted
 * behind a backlog of LOW ones, the order of equal-priority tasks against their submission order, and a small tenant
 * beside one that floods the queue (its wait against the flood's). Tasklane runs from the jar in role {@code all}.
 * Run it with {@code mvn -B -q -Pbenchmark -pl gateway exec:exec@fairness-benchmark}; see docs/benchmarks.md.
 */
public final class FairnessBenchmark {

    private static final int LOW_BACKLOG = Integer.getInteger("benchmark.fairness.low", 1000);
    /** LOW deliveries that run before the CRITICAL one is submitted, so it arrives at a backlog being worked off. */
    private static final int LOW_BEFORE_CRITICAL = Integer.getInteger("benchmark.fairness.low-first", 100);
    private static final int EQUAL_TASKS = Integer.getInteger("benchmark.fairness.fifo", 200);
    private static final int FLOOD = Integer.getInteger("benchmark.fairness.flood", 1000);
    private static final int SMALL = Integer.getInteger("benchmark.fairness.small", 20);
    private static final int SUBMITTERS = 32;

    private final JsonMapper json = JsonMapper.createDefault();
    private Api api;
    private WorkflowServiceStubs temporal;

    public static void main(String[] args) throws Exception {
        new FairnessBenchmark().run();
        System.exit(0);
    }

    private void run() throws Exception {
        String roomy = "1000000";
        Map<String, String> environment = Map.of("TASKLANE_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1",
                "TASKLANE_WORKER_MAX_CONCURRENT_ACTIVITIES", "1",
                "TASKLANE_QUOTA_SUBMISSIONS_PER_MINUTE", roomy, "TASKLANE_QUOTA_MAX_UNFINISHED_TASKS", roomy,
                "TASKLANE_QUOTA_SUBMISSIONS_PER_MINUTE_PER_OWNER", roomy,
                "TASKLANE_QUOTA_MAX_UNFINISHED_TASKS_PER_OWNER", roomy);
        try (BenchmarkProcess tasklane = BenchmarkProcess.start(environment, List.of())) {
            api = Api.at(tasklane.base, json).as(tasklane.token);
            temporal = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                    .setTarget("127.0.0.1:" + tasklane.temporalPort).build());
            System.out.printf(Locale.ROOT, "Tasklane (role all, one activity slot) up after %.0f ms%n",
                    tasklane.startupMillis);
            criticalOvertakesLowBacklog();
            equalPriorityFirstInFirstOut();
            TokenMinter minter = new TokenMinter(Files.readString(tasklane.dataDir.resolve("jwt-secret")).trim(),
                    "tenant", "roles", Clock.systemUTC());
            smallTenantBesideFlood(minter);
            temporal.shutdown();
        }
    }

    /** (a) LOW tasks queue behind a held slot; once they are being worked off, one CRITICAL task is submitted. */
    private void criticalOvertakesLowBacklog() throws Exception {
        try (Arrivals arrivals = Arrivals.start()) {
            holdTheSlot(arrivals, api);
            Measure.inParallel(LOW_BACKLOG, SUBMITTERS, i -> submit(api, arrivals, "/low/" + i, "LOW"),
                    Collections.synchronizedList(new ArrayList<>()));
            awaitBacklog(LOW_BACKLOG);
            arrivals.release();
            arrivals.await("/low/", LOW_BEFORE_CRITICAL);

            int lowDoneAtSubmission = arrivals.count("/low/");
            long submittedMicros = Measure.nowMicros();
            submit(api, arrivals, "/critical", "CRITICAL");
            arrivals.await("/", 1 + LOW_BACKLOG + 1);

            List<Arrival> order = arrivals.inOrder();
            int criticalAt = indexOf(order, "/critical");
            Arrival critical = order.get(criticalAt);
            int lowBefore = (int) order.subList(0, criticalAt).stream().filter(a -> a.path().startsWith("/low/")).count();
            List<Long> lowGaps = gaps(order.stream().filter(a -> a.path().startsWith("/low/")).toList());
            System.out.printf(Locale.ROOT, "(a) CRITICAL submitted with %d of %d LOW tasks still to run: %d more LOW "
                            + "ran before it (it was number %d of the %d); it waited %.1f ms from submission to its "
                            + "delivery. A LOW task took %.1f ms (median gap between deliveries), so in submission order "
                            + "it would have waited about %.1f s%n",
                    LOW_BACKLOG - lowDoneAtSubmission, LOW_BACKLOG, lowBefore - lowDoneAtSubmission,
                    lowBefore - lowDoneAtSubmission + 1, LOW_BACKLOG - lowDoneAtSubmission + 1,
                    (critical.micros() - submittedMicros) / 1000.0, Measure.percentile(lowGaps, 50) / 1000.0,
                    (LOW_BACKLOG - lowDoneAtSubmission) * Measure.percentile(lowGaps, 50) / 1e6);
        }
    }

    /**
     * (b) Equal-priority tasks submitted one after another behind a held slot: do they start in the order they were
     * submitted, and in the order Temporal scheduled their activities (read while the slot is held)?
     */
    private void equalPriorityFirstInFirstOut() throws Exception {
        try (Arrivals arrivals = Arrivals.start()) {
            holdTheSlot(arrivals, api);
            List<String> taskIds = new ArrayList<>();
            for (int i = 0; i < EQUAL_TASKS; i++) {
                taskIds.add(submit(api, arrivals, "/equal/" + i, "NORMAL"));
            }
            awaitBacklog(EQUAL_TASKS);
            List<Long> scheduledNanos = scheduledNanos(taskIds);
            arrivals.release();
            arrivals.await("/equal/", EQUAL_TASKS);

            List<Integer> started = arrivals.inOrder().stream().filter(a -> a.path().startsWith("/equal/"))
                    .map(a -> Integer.parseInt(a.path().substring("/equal/".length()))).toList();
            List<Integer> scheduledOrder = IntStream.range(0, EQUAL_TASKS).boxed()
                    .sorted(Comparator.comparing(scheduledNanos::get)).toList();
            long widest = 0;
            for (int i = 0; i < started.size(); i++) {
                for (int j = i + 1; j < started.size(); j++) {
                    long apart = scheduledNanos.get(started.get(i)) - scheduledNanos.get(started.get(j));
                    widest = Math.max(widest, apart);
                }
            }
            List<Integer> scheduledRank = new ArrayList<>(Collections.nCopies(EQUAL_TASKS, 0));
            for (int rank = 0; rank < EQUAL_TASKS; rank++) {
                scheduledRank.set(scheduledOrder.get(rank), rank);
            }
            List<Integer> startedByScheduledRank = started.stream().map(scheduledRank::get).toList();
            long pairs = (long) EQUAL_TASKS * (EQUAL_TASKS - 1) / 2;
            System.out.printf(Locale.ROOT, "(b) %d NORMAL tasks submitted one after another, %d pairs. Inversions: "
                            + "started against submitted %d (the farthest %d places off); scheduled against submitted "
                            + "%d; started against scheduled %d (the farthest %d places off; the inverted pairs were "
                            + "scheduled at most %.1f ms apart)%n",
                    EQUAL_TASKS, pairs, inversions(started), farthest(started), inversions(scheduledOrder),
                    inversions(startedByScheduledRank), farthest(startedByScheduledRank), widest / 1e6);
        }
    }

    /** When Temporal scheduled the pending activity of each of {@code taskIds}, in nanoseconds since the epoch. */
    private List<Long> scheduledNanos(List<String> taskIds) {
        return taskIds.stream().map(id -> temporal.blockingStub().describeWorkflowExecution(
                        DescribeWorkflowExecutionRequest.newBuilder().setNamespace("default")
                                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id)).build())
                .getPendingActivities(0).getScheduledTime())
                .map(at -> at.getSeconds() * 1_000_000_000L + at.getNanos()).toList();
    }

    /** Pairs of {@code order} (numbers listed in the order things happened) that came in the opposite order. */
    private static long inversions(List<Integer> order) {
        long inversions = 0;
        for (int i = 0; i < order.size(); i++) {
            for (int j = i + 1; j < order.size(); j++) {
                inversions += order.get(i) > order.get(j) ? 1 : 0;
            }
        }
        return inversions;
    }

    /** How far from its own place the most misplaced number of {@code order} is. */
    private static int farthest(List<Integer> order) {
        int farthest = 0;
        for (int i = 0; i < order.size(); i++) {
            farthest = Math.max(farthest, Math.abs(order.get(i) - i));
        }
        return farthest;
    }

    /**
     * (c) One tenant floods the queue behind a held slot; the slot is let go, and a second tenant sends a few tasks at
     * once: how long each tenant's tasks wait from submission to their delivery.
     */
    private void smallTenantBesideFlood(TokenMinter minter) throws Exception {
        Api flood = api.as(minter.mint("flood-user", "flood", List.of("USER"), Duration.ofHours(2)));
        Api small = api.as(minter.mint("small-user", "small", List.of("USER"), Duration.ofHours(2)));
        try (Arrivals arrivals = Arrivals.start()) {
            Map<String, Long> submitted = Collections.synchronizedMap(new HashMap<>());
            holdTheSlot(arrivals, flood);
            Measure.inParallel(FLOOD, SUBMITTERS, i -> submitted.put("/flood/" + i,
                    submitTimed(flood, arrivals, "/flood/" + i)), Collections.synchronizedList(new ArrayList<>()));
            awaitBacklog(FLOOD);
            arrivals.release();
            int floodDoneAtSubmission = arrivals.count("/flood/");
            Measure.inParallel(SMALL, SMALL, i -> submitted.put("/small/" + i,
                    submitTimed(small, arrivals, "/small/" + i)), Collections.synchronizedList(new ArrayList<>()));
            arrivals.await("/", 1 + FLOOD + SMALL);

            List<Arrival> order = arrivals.inOrder();
            List<Long> floodWaits = waits(order, "/flood/", submitted);
            List<Long> smallWaits = waits(order, "/small/", submitted);
            int lastSmall = 0;
            for (int i = 0; i < order.size(); i++) {
                lastSmall = order.get(i).path().startsWith("/small/") ? i : lastSmall;
            }
            int floodBeforeLastSmall = (int) order.subList(0, lastSmall).stream()
                    .filter(a -> a.path().startsWith("/flood/")).count();
            System.out.printf(Locale.ROOT, "(c) tenant small sent %d tasks at once when %d of tenant flood's %d "
                            + "were still to run; %d flood tasks ran between then and small's last%n",
                    SMALL, FLOOD - floodDoneAtSubmission, FLOOD, floodBeforeLastSmall - floodDoneAtSubmission);
            System.out.printf(Locale.ROOT, "    wait from submission to delivery: small p50 %.2f s p99 %.2f s; flood "
                            + "p50 %.2f s p99 %.2f s%n",
                    Measure.percentile(smallWaits, 50) / 1e6, Measure.percentile(smallWaits, 99) / 1e6,
                    Measure.percentile(floodWaits, 50) / 1e6, Measure.percentile(floodWaits, 99) / 1e6);
        }
    }

    /** Submits a delivery to {@link Arrivals#BLOCKER} and waits until it holds the one activity slot. */
    private void holdTheSlot(Arrivals arrivals, Api caller) throws InterruptedException {
        int before = arrivals.count(Arrivals.BLOCKER);
        submit(caller, arrivals, Arrivals.BLOCKER, "NORMAL");
        arrivals.await(Arrivals.BLOCKER, before + 1);
    }

    private long submitTimed(Api caller, Arrivals arrivals, String path) {
        long micros = Measure.nowMicros();
        submit(caller, arrivals, path, "NORMAL");
        return micros;
    }

    /** Submits a delivery to {@code path} of {@code arrivals}; returns the task's id. */
    private String submit(Api caller, Arrivals arrivals, String path, String priority) {
        Map<String, Object> payload = Map.of("url", arrivals.url(path), "timeoutSeconds", 300);
        try {
            Api.Response response = caller.post("/api/tasks", json.writeValueAsString(Map.of(
                    "type", "webhook-delivery", "priority", priority, "payload", payload)));
            if (response.status() != 202) {
                throw new IllegalStateException("submission answered " + response.status() + ": " + response.text());
            }
            return response.field("id");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until Temporal's activity queue holds at least {@code tasks} tasks not yet given to a worker. */
    private void awaitBacklog(int tasks) throws InterruptedException {
        DescribeTaskQueueRequest request = DescribeTaskQueueRequest.newBuilder()
                .setNamespace("default")
                .setTaskQueue(TaskQueue.newBuilder().setName("tasklane"))
                .setTaskQueueType(TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY)
                .setReportStats(true)
                .build();
        BenchmarkProcess.waitFor(() -> temporal.blockingStub().describeTaskQueue(request).getStats()
                .getApproximateBacklogCount() >= tasks, "a backlog of " + tasks + " activity tasks",
                Duration.ofMillis(200));
    }

    private static int indexOf(List<Arrival> order, String path) {
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).path().equals(path)) {
                return i;
            }
        }
        throw new IllegalStateException(path + " never arrived");
    }

    private static List<Long> gaps(List<Arrival> arrivals) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < arrivals.size(); i++) {
            gaps.add(arrivals.get(i).micros() - arrivals.get(i - 1).micros());
        }
        return gaps;
    }

    private static List<Long> waits(List<Arrival> order, String prefix, Map<String, Long> submitted) {
        return order.stream().filter(a -> a.path().startsWith(prefix))
                .map(a -> a.micros() - submitted.get(a.path())).toList();
    }
}
