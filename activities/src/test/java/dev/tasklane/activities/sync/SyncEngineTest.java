package dev.tasklane.activities.sync;

import dev.tasklane.activities.secrets.SecretBox;
import dev.tasklane.activities.sync.banktransactions.BankTransactionsSyncActivitiesImpl;
import dev.tasklane.activities.sync.contractors.ContractorsSyncActivitiesImpl;
import dev.tasklane.activities.testing.SyncSourceServer;
import dev.tasklane.activities.testing.TaskRows;
import dev.tasklane.store.event.TaskEventRepository;
import dev.tasklane.store.task.TaskRepository;
import dev.tasklane.workflows.lifecycle.RetrySettings;
import dev.tasklane.workflows.sync.SyncActivities;
import dev.tasklane.workflows.sync.SyncResult;
import dev.tasklane.workflows.sync.SyncSource;
import dev.tasklane.workflows.sync.banktransactions.BankTransactionsSyncActivities;
import dev.tasklane.workflows.sync.banktransactions.BankTransactionsSyncRequest;
import dev.tasklane.workflows.sync.contractors.ContractorsSyncActivities;
import dev.tasklane.workflows.sync.contractors.ContractorsSyncRequest;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sync engine against a real paginated source on 127.0.0.1 and the real store. */
@MicronautTest(transactional = false)
class SyncEngineTest {

    private static final String TASK_ID = "test-workflow-id";
    private static final LocalDate JANUARY = LocalDate.of(2026, 1, 1);
    private static final RetrySettings QUICK_RETRIES = new RetrySettings(5, 0.05, 2.0, 0.5);

    @Inject
    BankTransactionsSyncActivitiesImpl bankTransactions;

    @Inject
    ContractorsSyncActivitiesImpl contractors;

    @Inject
    SyncStore store;

    @Inject
    TaskRepository tasks;

    @Inject
    TaskEventRepository events;

    @Inject
    SecretBox secrets;

    @Inject
    JdbcOperations jdbc;

    @Inject
    TransactionOperations<Connection> transactions;

    private TestActivityEnvironment environment;
    private final List<SyncCheckpoint> heartbeats = new ArrayList<>();
    private SyncSourceServer source;

    @BeforeEach
    void freshRun() {
        for (String table : List.of("bank_transaction", "contractor", "sync_run", "sync_failure", "task_event")) {
            transactions.executeWrite(status -> jdbc.prepareStatement("DELETE FROM " + table,
                    statement -> statement.executeUpdate()));
        }
        tasks.deleteById(TASK_ID);
        tasks.save(TaskRows.queued(TASK_ID, "bank-transactions-sync"));
        newAttempt(null);
    }

    @AfterEach
    void close() {
        environment.close();
        if (source != null) {
            source.close();
        }
    }

    @Test
    void fiveThousandTransactionsArriveOnceEachAndAreClassifiedByTheRules() {
        source = SyncSourceServer.serving(SyncSourceServer.bankTransactions(5000, JANUARY));

        SyncResult result = bank().syncBankTransactions(bankRequest(SyncSource.of(source.url("page")), 100),
                QUICK_RETRIES);

        assertEquals(new SyncResult(5000, 5000, 0, 0, 0, 50, result.durationSeconds(), false), result);
        assertEquals(5000, count("SELECT COUNT(DISTINCT external_id) FROM bank_transaction"));
        assertEquals(50, source.served().size(), "one request per page, the last ending at the total");
        Map<String, String> byRule = categories();
        assertEquals("taxes", byRule.get("Federal Tax Service"));
        assertEquals("salaries", byRule.get("Employees (payroll)"));
        assertEquals("revenue", byRule.get("Globex Customer"));
        assertEquals("none", byRule.get("Acme Supplies LLC"), "no rule matches an outgoing supplier payment");
        assertFalse(heartbeats.isEmpty(), "committed batches are heartbeated");
        assertTrue(events.findForTask(TASK_ID, 0, Long.MAX_VALUE, 10_000).stream()
                .anyMatch(e -> e.progressJson() != null && e.progressJson().contains("\"total\":5000")),
                "progress events carry the source's total");
    }

    @Test
    void offsetAndCursorPagingCommitMidPageAndARerunChangesNothing() {
        source = SyncSourceServer.serving(SyncSourceServer.contractors(5000));
        SyncSource byOffset = new SyncSource(source.url("offset"), "offset", 250, null, null, null, null, null, null,
                null, null);

        SyncResult first = contractorPull().syncContractors(new ContractorsSyncRequest(byOffset, 100), QUICK_RETRIES);
        assertEquals(new SyncResult(5000, 5000, 0, 0, 0, 20, first.durationSeconds(), false), first);

        restartRun();
        SyncSource byCursor = new SyncSource(source.url("cursor"), "cursor", 1000, null, null, null, null, null, null,
                null, null);
        SyncResult rerun = contractorPull().syncContractors(new ContractorsSyncRequest(byCursor, 300), QUICK_RETRIES);

        assertEquals(new SyncResult(5000, 0, 0, 5000, 0, 5, rerun.durationSeconds(), false), rerun);
        assertEquals(5000, count("SELECT COUNT(*) FROM contractor"));
    }

    @Test
    void aSourceThatChangesUnderTheSyncIsReconciledByKey() {
        List<Map<String, Object>> records = SyncSourceServer.contractors(1000);
        source = SyncSourceServer.serving(records);
        contractorPull().syncContractors(new ContractorsSyncRequest(SyncSource.of(source.url("page")), null),
                QUICK_RETRIES);
        List<Map<String, Object>> changed = new ArrayList<>(records.subList(0, 990));
        Map<String, Object> renamed = new LinkedHashMap<>(changed.get(5));
        renamed.put("name", "Renamed Contractor LLC");
        changed.set(5, renamed);
        changed.addAll(SyncSourceServer.contractors(1010).subList(1000, 1010));
        source.replaceRecords(changed);

        restartRun();
        SyncResult rerun = contractorPull().syncContractors(
                new ContractorsSyncRequest(SyncSource.of(source.url("page")), null), QUICK_RETRIES);

        assertEquals(new SyncResult(1000, 10, 1, 989, 0, 10, rerun.durationSeconds(), false), rerun);
        assertEquals(1010, count("SELECT COUNT(*) FROM contractor"));
        assertEquals(1, count("SELECT COUNT(*) FROM contractor WHERE name = 'Renamed Contractor LLC'"));
    }

    @Test
    void fiveHundredsTooManyRequestsAndTimeoutsAreRetriedWithoutLosingOrDoublingARecord() {
        source = SyncSourceServer.serving(SyncSourceServer.bankTransactions(5000, JANUARY))
                .onPage(3, new SyncSourceServer.Status(500, null), new SyncSourceServer.Status(503, null))
                .onPage(5, new SyncSourceServer.Status(429, 1))
                .onPage(7, new SyncSourceServer.Slow(Duration.ofMillis(2500)));
        SyncSource impatient = new SyncSource(source.url("page"), null, 200, null, null, null, null, null, null, null,
                1);

        SyncResult result = bank().syncBankTransactions(bankRequest(impatient, 100), QUICK_RETRIES);

        assertEquals(5000, result.created());
        assertEquals(5000, count("SELECT COUNT(*) FROM bank_transaction"));
        List<Integer> statuses = source.served().stream().map(SyncSourceServer.Served::status).toList();
        assertEquals(List.of(500, 503, 429), statuses.stream().filter(s -> s != 200).toList());
        List<String> messages = events.findForTask(TASK_ID, 0, Long.MAX_VALUE, 10_000).stream().map(e -> e.message()).toList();
        assertTrue(messages.contains("page 5: source answered 429; attempt 2 of 5 in 1.0 s"), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("page 7: no answer within 1 s")), messages.toString());
    }

    @Test
    void aMalformedPageFailsTheSyncNamingThePageAndKeepsWhatWasCommitted() {
        source = SyncSourceServer.serving(SyncSourceServer.bankTransactions(1000, JANUARY))
                .onPage(4, new SyncSourceServer.Malformed());

        ActivityFailure failure = assertThrows(ActivityFailure.class, () -> bank().syncBankTransactions(
                bankRequest(SyncSource.of(source.url("page")), 100), QUICK_RETRIES));

        ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, failure.getCause());
        assertEquals(SyncActivities.MALFORMED_PAGE, cause.getType());
        assertTrue(cause.getOriginalMessage().startsWith("page 4 is not JSON"), cause.getOriginalMessage());
        assertTrue(cause.isNonRetryable());
        assertEquals(300, count("SELECT COUNT(*) FROM bank_transaction"));
    }

    @Test
    void aSourceThatKeepsFailingFailsAfterThePagesAttempts() {
        source = SyncSourceServer.serving(SyncSourceServer.bankTransactions(300, JANUARY))
                .onPage(2, new SyncSourceServer.Status(502, null), new SyncSourceServer.Status(502, null),
                        new SyncSourceServer.Status(502, null));

        ActivityFailure failure = assertThrows(ActivityFailure.class, () -> bank().syncBankTransactions(
                bankRequest(SyncSource.of(source.url("page")), 100), new RetrySettings(3, 0.05, 1.0, 0.05)));

        ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, failure.getCause());
        assertEquals(SyncActivities.SOURCE_UNAVAILABLE, cause.getType());
        assertEquals("page 2: source answered 502, 3 attempts", cause.getOriginalMessage());
    }

    @Test
    void recordsThatCannotBeMappedAreKeptWithTheirReason() {
        List<Map<String, Object>> records = SyncSourceServer.bankTransactions(250, JANUARY);
        records.get(10).put("amount", "twelve");
        records.get(20).remove("date");
        records.get(30).put("date", "2026-01-01");
        records.get(40).put("currency", "roubles");
        source = SyncSourceServer.serving(records).ignoringDateRange();

        SyncResult result = bank().syncBankTransactions(new BankTransactionsSyncRequest(
                SyncSource.of(source.url("page")), "2026-01-02", "2026-01-31", false, 100), QUICK_RETRIES);

        List<SyncFailure> failures = store.failures(TASK_ID, 0, 100);
        assertEquals(result.failed(), failures.size());
        assertTrue(failures.contains(new SyncFailure(1, "tx-000011", "'amount' 'twelve' is not an amount",
                failures.get(0).record())), failures.toString());
        assertTrue(failures.stream().anyMatch(f -> f.recordKey().equals("tx-000021")
                && f.reason().equals("'date' is missing") && f.record().contains("tx-000021")));
        assertTrue(failures.stream().anyMatch(f -> f.recordKey().equals("tx-000041")
                && f.reason().startsWith("'currency' 'ROUBLES'")));
        assertTrue(failures.stream().anyMatch(f -> f.reason().equals("'date' 2026-01-01 is outside the requested"
                + " 2026-01-02 to 2026-01-31")));
        assertEquals(result.fetched(), result.created() + result.failed());
        assertEquals(0, count("SELECT COUNT(*) FROM bank_transaction WHERE category IS NOT NULL"),
                "autoClassify false leaves categories empty");
    }

    @Test
    void aNewAttemptResumesAfterTheLastCommittedBatchWithoutRereadingEarlierPages() {
        source = SyncSourceServer.serving(SyncSourceServer.bankTransactions(5000, JANUARY))
                .onPage(21, new SyncSourceServer.Status(401, null));
        assertThrows(ActivityFailure.class, () -> bank().syncBankTransactions(
                bankRequest(SyncSource.of(source.url("page")), 50), QUICK_RETRIES));
        SyncCheckpoint lastHeartbeat = store.find(TASK_ID).orElseThrow().checkpoint();
        assertEquals(2000, lastHeartbeat.fetched());
        int servedBefore = source.served().size();

        newAttempt(lastHeartbeat);
        SyncResult result = bank().syncBankTransactions(bankRequest(SyncSource.of(source.url("page")), 50),
                QUICK_RETRIES);

        assertEquals(new SyncResult(5000, 5000, 0, 0, 0, 50, result.durationSeconds(), false), result);
        assertEquals(2000, source.served().get(servedBefore).position(), "the new attempt starts at page 21");
        assertEquals(5000, count("SELECT COUNT(*) FROM bank_transaction"));
    }

    @Test
    void aHeartbeatBehindTheStoreResumesFromTheStoreSoNoBatchIsCountedTwice() {
        source = SyncSourceServer.serving(SyncSourceServer.bankTransactions(2000, JANUARY))
                .onPage(11, new SyncSourceServer.Status(401, null));
        assertThrows(ActivityFailure.class, () -> bank().syncBankTransactions(
                bankRequest(SyncSource.of(source.url("page")), 100), QUICK_RETRIES));
        assertEquals(1000, store.find(TASK_ID).orElseThrow().checkpoint().fetched());
        SyncCheckpoint staleHeartbeat = new SyncCheckpoint(5, 500, null, 0, 500, 500, 0, 0, 0, 2000L);

        newAttempt(staleHeartbeat);
        SyncResult result = bank().syncBankTransactions(bankRequest(SyncSource.of(source.url("page")), 100),
                QUICK_RETRIES);

        assertEquals(new SyncResult(2000, 2000, 0, 0, 0, 20, result.durationSeconds(), false), result);
    }

    @Test
    void anAttemptALaterOneHasTakenOverCannotCommit() {
        SyncStore.Claim abandoned = store.claim(TASK_ID, Instant.now());
        SyncStore.Claim current = store.claim(TASK_ID, Instant.now());
        SyncTarget contractorTable = new SyncTarget() {
            @Override
            public String table() {
                return "contractor";
            }

            @Override
            public List<String> columns() {
                return List.of("name");
            }

            @Override
            public MappedRecord map(io.micronaut.json.tree.JsonNode record) {
                throw new UnsupportedOperationException();
            }
        };
        List<MappedRecord> batch = List.of(new MappedRecord("c-1", List.of("Late Writer LLC")));

        assertThrows(SyncStore.SupersededException.class, () -> store.commitBatch(abandoned, "default",
                contractorTable, batch, List.of(), 1, null, abandoned.checkpoint(), next -> next, Instant.now()));
        assertEquals(0, count("SELECT COUNT(*) FROM contractor"), "the superseded batch rolled back");

        SyncCheckpoint after = store.commitBatch(current, "default", contractorTable, batch, List.of(), 1, null,
                current.checkpoint(), next -> next, Instant.now());
        assertEquals(1, after.created());
        assertEquals(1, count("SELECT COUNT(*) FROM contractor"));
    }

    @Test
    void credentialsReachTheSourceOpenedAndAWrongOneIsRefused() {
        source = SyncSourceServer.serving(SyncSourceServer.contractors(150)).requireAuthorization("Bearer s3cret");
        SyncSource withToken = new SyncSource(source.url("page"), null, null, null, null,
                Map.of("Authorization", secrets.seal("Bearer s3cret")), null, null, null, null, null);

        assertEquals(150, contractorPull().syncContractors(new ContractorsSyncRequest(withToken, null), QUICK_RETRIES)
                .created());

        restartRun();
        ActivityFailure refused = assertThrows(ActivityFailure.class, () -> contractorPull().syncContractors(
                new ContractorsSyncRequest(SyncSource.of(source.url("page")), null), QUICK_RETRIES));
        ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, refused.getCause());
        assertEquals(SyncActivities.SOURCE_REFUSED, cause.getType());
        assertTrue(cause.getOriginalMessage().contains("source answered 401"), cause.getOriginalMessage());
    }

    @Test
    void requestsKeepToTheSourcesRateLimit() {
        source = SyncSourceServer.serving(SyncSourceServer.contractors(1000));
        SyncSource limited = new SyncSource(source.url("page"), null, 100, null, null, null, null, null, null, 5.0,
                null);

        contractorPull().syncContractors(new ContractorsSyncRequest(limited, null), QUICK_RETRIES);

        // Requests leave 200 ms apart; one that is slow to arrive shortens the gap after it, never a longer run.
        List<Long> times = source.served().stream().map(SyncSourceServer.Served::atNanos).toList();
        for (int i = 0; i < times.size(); i++) {
            for (int j = i + 1; j < times.size(); j++) {
                long spanMillis = (times.get(j) - times.get(i)) / 1_000_000;
                assertTrue(spanMillis >= (j - i) * 200L - 100, "requests " + (i + 1) + " to " + (j + 1) + " came "
                        + spanMillis + " ms apart");
            }
        }
    }

    private BankTransactionsSyncRequest bankRequest(SyncSource source, int batchSize) {
        return new BankTransactionsSyncRequest(source, JANUARY.toString(), JANUARY.plusDays(30).toString(), null,
                batchSize);
    }

    private BankTransactionsSyncActivities bank() {
        return environment.newActivityStub(BankTransactionsSyncActivities.class, options());
    }

    private ContractorsSyncActivities contractorPull() {
        return environment.newActivityStub(ContractorsSyncActivities.class, options());
    }

    private static ActivityOptions options() {
        return ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(2)).build();
    }

    /** A fresh activity environment, as a retried attempt gets, with {@code heartbeat} as its last heartbeat. */
    private void newAttempt(SyncCheckpoint heartbeat) {
        if (environment != null) {
            environment.close();
        }
        environment = TestActivityEnvironment.newInstance();
        if (heartbeat != null) {
            environment.setHeartbeatDetails(heartbeat);
        }
        heartbeats.clear();
        environment.setActivityHeartbeatListener(SyncCheckpoint.class, heartbeats::add);
        environment.registerActivitiesImplementations(bankTransactions, contractors);
    }

    /** Forgets the run so the next pull is a new sync task of the same data. */
    private void restartRun() {
        transactions.executeWrite(status -> jdbc.prepareStatement("DELETE FROM sync_run",
                statement -> statement.executeUpdate()));
        newAttempt(null);
    }

    private long count(String sql) {
        return transactions.executeRead(status -> jdbc.prepareStatement(sql, statement -> {
            ResultSet result = statement.executeQuery();
            result.next();
            return result.getLong(1);
        }));
    }

    private Map<String, String> categories() {
        return transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT DISTINCT counterparty, COALESCE(category, 'none') FROM bank_transaction", statement -> {
                    ResultSet result = statement.executeQuery();
                    Map<String, String> found = new LinkedHashMap<>();
                    while (result.next()) {
                        found.put(result.getString(1), result.getString(2));
                    }
                    return found;
                }));
    }
}
