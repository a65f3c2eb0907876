package dev.tasklane.activities.sync;

import dev.tasklane.activities.lifecycle.TaskLifecycleActivitiesImpl;
import dev.tasklane.activities.sync.banktransactions.BankTransactionsSyncActivitiesImpl;
import dev.tasklane.activities.testing.SyncSourceServer;
import dev.tasklane.activities.testing.TaskRows;
import dev.tasklane.store.task.TaskRepository;
import dev.tasklane.workflows.lifecycle.RetrySettings;
import dev.tasklane.workflows.lifecycle.TaskSettings;
import dev.tasklane.workflows.sync.SyncResult;
import dev.tasklane.workflows.sync.SyncSource;
import dev.tasklane.workflows.sync.banktransactions.BankTransactionsSyncRequest;
import dev.tasklane.workflows.sync.banktransactions.BankTransactionsSyncWorkflow;
import dev.tasklane.workflows.sync.banktransactions.BankTransactionsSyncWorkflowImpl;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.temporal.api.history.v1.ActivityTaskStartedEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A worker that dies in the middle of a sync: a real Temporal test server, the workflow on one worker and the sync
 * activity on another, each on its own connection; the activity's worker is cut off without a word while it waits
 * for a page. After the heartbeat timeout a second activity worker goes on after the last committed batch: every
 * record arrives once and no page is read twice.
 */
@MicronautTest(transactional = false)
class SyncWorkerDeathTest {

    private static final String TASK_ID = "bank-transactions-sync-worker-death";
    private static final String QUEUE = "sync-worker-death";
    private static final LocalDate JANUARY = LocalDate.of(2026, 1, 1);

    @Inject
    TaskLifecycleActivitiesImpl lifecycle;

    @Inject
    SyncActivitiesImpl ledger;

    @Inject
    BankTransactionsSyncActivitiesImpl bankTransactions;

    @Inject
    TaskRepository tasks;

    @Inject
    SyncStore store;

    @Inject
    JdbcOperations jdbc;

    @Inject
    TransactionOperations<Connection> transactions;

    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void freshRun() {
        for (String table : List.of("bank_transaction", "sync_run", "sync_failure", "task_event")) {
            transactions.executeWrite(status -> jdbc.prepareStatement("DELETE FROM " + table,
                    statement -> statement.executeUpdate()));
        }
        tasks.deleteById(TASK_ID);
        tasks.save(TaskRows.queued(TASK_ID, "bank-transactions-sync"));
    }

    @AfterEach
    void closeAll() throws Exception {
        Collections.reverse(open);
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    @Test
    void aSecondWorkerResumesAfterTheLastCommittedBatchOnceTheFirstStopsHeartbeating() throws Exception {
        SyncSourceServer source = SyncSourceServer.serving(SyncSourceServer.bankTransactions(5000, JANUARY))
                .onPage(21, new SyncSourceServer.Held());
        open.add(source);
        int port = freePort();
        open.add(TestServer.createPortBoundServer(port));
        WorkflowServiceStubs workflowConnection = connect(port);
        workflowWorkerOn(workflowConnection).start();
        WorkflowServiceStubs firstConnection = connect(port);
        WorkerFactory first = activityWorkerOn(firstConnection);
        WorkerFactory second = activityWorkerOn(connect(port));
        first.start();

        WorkflowClient client = WorkflowClient.newInstance(workflowConnection);
        BankTransactionsSyncWorkflow sync = client.newWorkflowStub(BankTransactionsSyncWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId(TASK_ID).setTaskQueue(QUEUE).build());
        WorkflowClient.start(sync::sync, new BankTransactionsSyncRequest(SyncSource.of(source.url("page")),
                JANUARY.toString(), JANUARY.plusDays(30).toString(), null, 50),
                new TaskSettings(new RetrySettings(5, 1.0, 2.0, 5.0), null));
        awaitCommitted(2000);

        long killedAt = System.nanoTime();
        first.shutdownNow();
        firstConnection.shutdownNow();
        firstConnection.awaitTermination(10, TimeUnit.SECONDS);
        second.start();
        SyncResult result = client.newUntypedWorkflowStub(TASK_ID)
                .getResult(90, TimeUnit.SECONDS, SyncResult.class);

        assertEquals(new SyncResult(5000, 5000, 0, 0, 0, 50, result.durationSeconds(), false), result);
        assertEquals(5000, count("SELECT COUNT(*) FROM bank_transaction"));
        assertEquals(5000, count("SELECT COUNT(DISTINCT external_id) FROM bank_transaction"));
        List<Long> answered = source.served().stream().filter(served -> served.status() == 200)
                .map(SyncSourceServer.Served::position).toList();
        assertEquals(LongStream.range(0, 50).map(page -> page * 100).boxed().toList(), answered,
                "every page answered once: the second worker started at page 21, the first never got it");
        ActivityTaskStartedEventAttributes resumed = lastSyncAttempt(client);
        assertEquals(2, resumed.getAttempt(), "the sync ran in a second attempt");
        long resumedAfterMillis = (source.served().stream().filter(served -> served.position() == 2000)
                .findFirst().orElseThrow().atNanos() - killedAt) / 1_000_000;
        assertTrue(resumedAfterMillis >= 9_000, "the second attempt asked for page 21 " + resumedAfterMillis
                + " ms after the first worker went silent, before the 10 s heartbeat timeout");
    }

    private WorkflowServiceStubs connect(int port) {
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:" + port).build());
        open.add(stubs::shutdownNow);
        return stubs;
    }

    /** The workflow and the lifecycle recordings it makes as local activities; it takes no activity tasks. */
    private WorkerFactory workflowWorkerOn(WorkflowServiceStubs connection) {
        WorkerFactory factory = factoryOn(connection);
        Worker worker = factory.newWorker(QUEUE, WorkerOptions.newBuilder().setLocalActivityWorkerOnly(true).build());
        worker.registerWorkflowImplementationTypes(BankTransactionsSyncWorkflowImpl.class);
        worker.registerActivitiesImplementations(lifecycle);
        return factory;
    }

    /** The sync's activities, heartbeating as the worker host does. */
    private WorkerFactory activityWorkerOn(WorkflowServiceStubs connection) {
        WorkerFactory factory = factoryOn(connection);
        factory.newWorker(QUEUE, WorkerOptions.newBuilder().setMaxHeartbeatThrottleInterval(Duration.ofSeconds(1))
                .build()).registerActivitiesImplementations(ledger, bankTransactions);
        return factory;
    }

    private WorkerFactory factoryOn(WorkflowServiceStubs connection) {
        WorkerFactory factory = WorkerFactory.newInstance(WorkflowClient.newInstance(connection));
        open.add(factory::shutdownNow);
        return factory;
    }

    private void awaitCommitted(long records) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (store.find(TASK_ID).map(claim -> claim.checkpoint().fetched()).orElse(0L) < records) {
            assertTrue(System.nanoTime() < deadline, "the first worker did not commit " + records + " records");
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private static ActivityTaskStartedEventAttributes lastSyncAttempt(WorkflowClient client) {
        ActivityTaskStartedEventAttributes last = null;
        for (HistoryEvent event : client.fetchHistory(TASK_ID).getEvents()) {
            if (event.hasActivityTaskStartedEventAttributes()) {
                last = event.getActivityTaskStartedEventAttributes();
            }
        }
        return last;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private long count(String sql) {
        return transactions.executeRead(status -> jdbc.prepareStatement(sql, statement -> {
            ResultSet result = statement.executeQuery();
            result.next();
            return result.getLong(1);
        }));
    }
}
