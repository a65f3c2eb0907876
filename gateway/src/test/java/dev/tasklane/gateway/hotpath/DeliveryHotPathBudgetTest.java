package dev.tasklane.gateway.hotpath;

import com.sun.net.httpserver.HttpServer;
import dev.tasklane.activities.outbound.WebhookHeaders;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.workflows.webhook.WebhookDeliveryResult;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Holds a webhook delivery submitted over REST to a budget: the store statements it runs, by kind, and the history
 * its workflow makes in Temporal, so that no feature makes every delivery dearer unseen.
 * <p>
 * How the statements are counted: every statement this process runs through the store's pool counts, by its SQL
 * text, whichever thread runs it (HTTP, worker, local activity, event feed; {@link CountingDataSources}). The test
 * waits until the store has been idle for {@link #QUIET}, submits {@link #DELIVERIES} deliveries one after another,
 * waits for each workflow to close (asking Temporal, so the wait runs no statement; a workflow closes only after its
 * local activity wrote the COMPLETED event) and for the store to be idle again. It then watches the idle store for
 * as long again and takes away what ran meanwhile (nothing, today: no reader polls the store while no event stream
 * is open), so a reader on a timer is not put down to the deliveries. Of what is left, the statements in
 * {@link #SHARED_BY_DESIGN} run as often as time, not tasks, says, and are set apart; every other statement's count
 * is divided by the number of deliveries and rounded down: what every delivery runs, exactly and on every run. The
 * rest is left over, shared by some deliveries (the first submission of a minute starts the minute's quota windows)
 * and not counted. A failure lists the statements per delivery, the left-overs and the shared ones. The platform's
 * own schedules are off here, so a cleanup or analytics run cannot fall into a window.
 * <p>
 * The history figures are those of the smallest history among the deliveries' workflows: what every delivery makes
 * Temporal record. A workflow task that timed out on a busy machine adds events to one workflow; that is the
 * machine, not the code.
 */
@MicronautTest(transactional = false)
@Property(name = StatementCounter.ENABLED, value = "true")
@Property(name = "tasklane.schedules.defaults.cleanup", value = "false")
@Property(name = "tasklane.schedules.defaults.analytics", value = "false")
class DeliveryHotPathBudgetTest extends ApiWithReceiverTest {

    /*
     * The budgets: today's figures, measured by this test on H2 and Temporal's dev server (the figures it logs), with
     * no slack; the rounding and the smallest history above absorb what varies from run to run. Lowering them is the
     * point; raising one needs a reason in the commit that does it.
     */

    /** A delivery the receiver takes at the first attempt. */
    private static final Budget DELIVERED_AT_FIRST_ATTEMPT = new Budget(
            3, 5, 3, 0, 0, 0,   // statements per delivery: SELECT, INSERT, UPDATE, DELETE, MERGE; rows in batches
            14, 2, 1, 2);       // its workflow's history: events, workflow tasks, activity tasks, local activities

    /** A delivery whose first attempt the receiver answers 500 and whose second it takes. */
    private static final Budget DELIVERED_AT_SECOND_ATTEMPT = new Budget(
            5, 7, 5, 0, 0, 0,   // statements per delivery: SELECT, INSERT, UPDATE, DELETE, MERGE; rows in batches
            14, 2, 2, 2);       // its workflow's history: events, workflow tasks, activity tasks, local activities

    /** Statements the deliveries share by design, whatever their number: the intake switch, read once a second. */
    private static final Set<String> SHARED_BY_DESIGN = Set.of(
            "SELECT paused, changed_by, changed_at FROM intake WHERE id = 1");

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryHotPathBudgetTest.class);
    private static final int DELIVERIES = 20;
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(60);

    @Inject
    StatementCounter statements;
    @Inject
    WorkflowClient temporal;

    @Test
    void aDeliveryTakenAtTheFirstAttemptStaysWithinItsBudget() {
        String url = receiver.url("/taken");

        Measured measured = measure(() -> api.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s"}}""".formatted(url)));

        assertWithin(DELIVERED_AT_FIRST_ATTEMPT, measured, "a delivery taken at the first attempt");
    }

    @Test
    void aDeliveryTakenAtTheSecondAttemptStaysWithinItsBudget() {
        try (FailingFirstAttempts flaky = FailingFirstAttempts.start()) {
            Measured measured = measure(() -> api.post("/api/tasks", """
                    {"type":"webhook-delivery","payload":{"url":"%s"},
                     "retry":{"maxAttempts":2,"initialIntervalSeconds":0.1}}""".formatted(flaky.url())));

            assertWithin(DELIVERED_AT_SECOND_ATTEMPT, measured, "a delivery taken at the second attempt");
        }
    }

    /**
     * What one delivery cost: the statements it ran, those left over (fewer than one per delivery), those shared by
     * design (in all, for every delivery of the window), and its workflow's history.
     */
    private record Measured(StatementTally perDelivery, StatementTally leftOver, StatementTally shared,
                            HistoryTally history, Duration window) {

        String report() {
            return "store statements per delivery (" + DELIVERIES + " deliveries in " + window.toMillis() + " ms):\n"
                    + perDelivery.lines() + "\n  in all " + perDelivery.kinds() + "; rows in batches "
                    + perDelivery.batchRows()
                    + "\nleft over, fewer than one per delivery (not counted):\n" + leftOver.lines()
                    + "\nshared by design, in all (not counted):\n" + shared.lines()
                    + "\nthe smallest history of their workflows:\n" + history.lines();
        }
    }

    /**
     * What one delivery may cost.
     *
     * @param selects         SELECT statements per delivery (likewise for the other kinds; any other statement is over)
     * @param batchRows       rows carried by batches, per delivery
     * @param historyEvents   events in its workflow's history
     * @param workflowTasks   workflow tasks its workflow completes
     * @param activityTasks   activity tasks, one per attempt
     * @param localActivities local activities its workflow records
     */
    private record Budget(int selects, int inserts, int updates, int deletes, int merges, int batchRows,
                          int historyEvents, int workflowTasks, int activityTasks, int localActivities) {

        /** What {@code measured} spends beyond this budget, one entry per figure over it. */
        List<String> overruns(Measured measured) {
            Map<StatementKind, Integer> statements = new EnumMap<>(Map.of(StatementKind.SELECT, selects,
                    StatementKind.INSERT, inserts, StatementKind.UPDATE, updates, StatementKind.DELETE, deletes,
                    StatementKind.MERGE, merges, StatementKind.OTHER, 0));
            List<String> over = new ArrayList<>();
            statements.forEach((kind, most) ->
                    over(over, kind + " statements", measured.perDelivery().executions(kind), most));
            over(over, "rows in batches", measured.perDelivery().batchRows(), batchRows);
            HistoryTally history = measured.history();
            over(over, "history events", history.events(), historyEvents);
            over(over, "workflow tasks", history.workflowTasks(), workflowTasks);
            over(over, "activity tasks", history.activityTasks(), activityTasks);
            over(over, "local activities", history.localActivities(), localActivities);
            return over;
        }

        private static void over(List<String> over, String figure, long measured, int most) {
            if (measured > most) {
                over.add(figure + " " + measured + " (budget " + most + ")");
            }
        }
    }

    /**
     * Submits {@link #DELIVERIES} deliveries with {@code submit} on an idle store, waits until each has COMPLETED and
     * the store is idle again, and divides what ran by them; checks that each COMPLETED event is in the log.
     */
    private Measured measure(Supplier<Api.Response> submit) {
        StatementTally before = statements.awaitIdle(QUIET, LONGEST_WAIT);
        long started = System.nanoTime();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < DELIVERIES; i++) {
            Api.Response submitted = submit.get();
            assertEquals(202, submitted.status(), submitted.text());
            ids.add(submitted.field("id"));
        }
        ids.forEach(this::awaitDelivered);
        StatementTally after = statements.awaitIdle(QUIET, LONGEST_WAIT);
        Duration window = Duration.ofNanos(System.nanoTime() - started);
        StatementTally idle = whileIdle(window);

        StatementTally caused = after.minus(before).minus(idle);
        StatementTally shared = caused.only(SHARED_BY_DESIGN);
        StatementTally own = caused.minus(shared);
        HistoryTally smallest = ids.stream().map(id -> HistoryTally.of(temporal.fetchHistory(id)))
                .min(Comparator.comparingInt(HistoryTally::events)).orElseThrow();
        ids.forEach(id -> assertTrue(events(id).contains("task_completed"), id + " has no task_completed event"));
        return new Measured(own.perTask(DELIVERIES), own.leftOverFrom(DELIVERIES), shared, smallest, window);
    }

    /** The statements the store runs over {@code window} while no task runs: readers on a timer, if any. */
    private StatementTally whileIdle(Duration window) {
        StatementTally start = statements.snapshot();
        try {
            // the length of the observation itself, not a wait for some work to end
            Thread.sleep(window.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return statements.snapshot().minus(start);
    }

    /** Waits for the delivery's workflow to close, asking Temporal; fails unless the receiver took it. */
    private void awaitDelivered(String id) {
        try {
            WebhookDeliveryResult result = temporal.newUntypedWorkflowStub(id)
                    .getResult(LONGEST_WAIT.toSeconds(), TimeUnit.SECONDS, WebhookDeliveryResult.class);
            assertEquals(200, result.statusCode(), id + " ended " + result);
        } catch (TimeoutException e) {
            fail(id + " did not end within " + LONGEST_WAIT.toSeconds() + " s");
        }
    }

    private List<String> events(String id) {
        List<String> names = new ArrayList<>();
        api.get("/api/tasks/" + id + "/logs").json().get("events").values()
                .forEach(event -> names.add(event.get("event").getStringValue()));
        return names;
    }

    private static void assertWithin(Budget budget, Measured measured, String what) {
        LOG.info("{}:\n{}", what, measured.report());
        assertTrue(measured.perDelivery().executions(StatementKind.INSERT) > 0,
                "the catalog's INSERT went uncounted: the statement counter does not see the store\n" + measured.report());
        List<String> over = budget.overruns(measured);
        assertTrue(over.isEmpty(), () -> what + " costs more than its budget: " + String.join(", ", over)
                + "\n" + measured.report());
    }

    /** A receiver on 127.0.0.1 that answers 500 to every delivery's first attempt and 200 to the others. */
    private static final class FailingFirstAttempts implements AutoCloseable {

        private final HttpServer server;

        private FailingFirstAttempts(HttpServer server) {
            this.server = server;
        }

        static FailingFirstAttempts start() {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
                server.createContext("/", exchange -> {
                    exchange.getRequestBody().readAllBytes();
                    boolean first = "1".equals(exchange.getRequestHeaders().getFirst(WebhookHeaders.ATTEMPT));
                    exchange.sendResponseHeaders(first ? 500 : 200, -1);
                    exchange.close();
                });
                server.start();
                return new FailingFirstAttempts(server);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/flaky";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
