package dev.tasklane.gateway.benchmark;

import dev.tasklane.activities.testing.SyncSourceServer;
import dev.tasklane.workflows.sync.SyncRun;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A bank-transactions-sync of 100,000 records from a paginated source on 127.0.0.1 into the default setup's H2
 * store, submitted over REST and timed to COMPLETED (records per second end to end), beside the limit: a raw JDBC
 * batch insert of the same rows into a fresh H2 file database with the same table, in the same run. Both are timed
 * warm, after a first run of each that is reported but not compared, in three rounds that take turns (raw insert, sync
 * in batches of 100, sync in batches of 1,000), and compared by their medians, as this machine's speed drifts.
 */
public final class SyncBenchmark {

    private static final int RECORDS = Integer.getInteger("benchmark.sync.records", 100_000);
    private static final int ROUNDS = 3;
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 1);
    private static final Pattern STATUS = Pattern.compile("\"status\":\"([A-Z_]+)\"");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        List<Map<String, Object>> records = SyncSourceServer.bankTransactions(RECORDS, FIRST_DAY);
        double coldRaw = rawInsert(records);
        try (BenchmarkProcess tasklane = BenchmarkProcess.start(Map.of("TASKLANE_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1"),
                List.of())) {
            double coldSync = sync(tasklane, records, "first-", SyncRun.DEFAULT_BATCH_SIZE);
            System.out.printf(Locale.ROOT, "first runs, not compared: raw insert %,.0f rows/s, sync %,.0f records/s%n",
                    coldRaw, coldSync);
            List<Double> raw = new ArrayList<>();
            Map<Integer, List<Double>> synced = new LinkedHashMap<>();
            for (int round = 1; round <= ROUNDS; round++) {
                raw.add(rawInsert(records));
                for (int batchSize : new int[] {SyncRun.DEFAULT_BATCH_SIZE, 1000}) {
                    synced.computeIfAbsent(batchSize, size -> new ArrayList<>())
                            .add(sync(tasklane, records, "r" + round + "b" + batchSize + "-", batchSize));
                }
            }
            double rawMedian = median(raw);
            System.out.printf(Locale.ROOT, "raw JDBC batch insert (H2 file, 1000 rows per batch): median %,.0f rows/s"
                    + " (%s)%n", rawMedian, rates(raw));
            synced.forEach((batchSize, rates) -> System.out.printf(Locale.ROOT, "bank-transactions-sync, pages of"
                    + " 1000, batches of %d: median %,.0f records/s (%s), %.2f x the raw insert%n", batchSize,
                    median(rates), rates(rates), median(rates) / rawMedian));
            System.out.printf(Locale.ROOT, "Tasklane peak RSS: %,d MB%n", tasklane.peakRssKb() / 1024);
        }
        System.exit(0);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static String rates(List<Double> values) {
        return values.stream().map(rate -> String.format(Locale.ROOT, "%,.0f", rate))
                .collect(Collectors.joining(", "));
    }

    /** The records under new ids, so each run inserts all of its rows. */
    private static List<Map<String, Object>> renamed(List<Map<String, Object>> records, String prefix) {
        return records.stream().map(record -> {
            Map<String, Object> copy = new LinkedHashMap<>(record);
            copy.put("id", prefix + record.get("id"));
            return (Map<String, Object>) copy;
        }).toList();
    }

    /** Records per second of a sync of {@code records} under new ids from a fresh source. */
    private static double sync(BenchmarkProcess tasklane, List<Map<String, Object>> records, String idPrefix,
                               int batchSize) throws Exception {
        try (SyncSourceServer source = SyncSourceServer.serving(renamed(records, idPrefix))) {
            return sync(tasklane, source, batchSize);
        }
    }

    /** Submits the sync over REST and waits until it has ended. */
    private static double sync(BenchmarkProcess tasklane, SyncSourceServer source, int batchSize) throws Exception {
        String body = """
                {"source": {"url": "%s", "pageSize": 1000}, "dateFrom": "2026-01-01", "dateTo": "2026-12-31",
                 "batchSize": %d}""".formatted(source.url("page"), batchSize);
        long started = System.nanoTime();
        HttpResponse<String> submitted = HTTP.send(request(tasklane, "/api/tasks/bank-transactions-sync")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (submitted.statusCode() != 202) {
            throw new IllegalStateException("submission refused: " + submitted.body());
        }
        String task = "/api/tasks/" + BenchmarkProcess.taskIdOf(submitted.body()).orElseThrow();
        String status;
        String answer;
        do {
            Thread.sleep(50);
            answer = HTTP.send(request(tasklane, task).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher matcher = STATUS.matcher(answer);
            status = matcher.find() ? matcher.group(1) : "?";
        } while (status.equals("QUEUED") || status.equals("RUNNING") || status.equals("RETRYING"));
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!status.equals("COMPLETED") || !answer.contains("\"fetched\":" + RECORDS)) {
            throw new IllegalStateException("the sync ended " + status + ": " + answer);
        }
        return RECORDS / seconds;
    }

    private static HttpRequest.Builder request(BenchmarkProcess tasklane, String path) {
        return HttpRequest.newBuilder(tasklane.base.resolve(path)).header("Authorization", "Bearer " + tasklane.token);
    }

    /** Rows per second for a plain JDBC batch insert of the same rows into the same table in a fresh H2 file. */
    private static double rawInsert(List<Map<String, Object>> records) throws IOException, SQLException {
        Path directory = Files.createTempDirectory("tasklane-raw-insert");
        System.gc();
        try {
            return rawInsert(records, directory);
        } finally {
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(directory);
        }
    }

    private static double rawInsert(List<Map<String, Object>> records, Path directory) throws IOException,
            SQLException {
        String schema;
        try (InputStream migration = SyncBenchmark.class.getResourceAsStream("/db/migration/V5__sync.sql")) {
            schema = new String(migration.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + directory.resolve("raw"), "sa", "")) {
            try (Statement statement = connection.createStatement()) {
                for (String sql : schema.replaceAll("--[^\n]*", "").split(";")) {
                    if (!sql.isBlank()) {
                        statement.execute(sql);
                    }
                }
            }
            connection.setAutoCommit(false);
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            long started = System.nanoTime();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bank_transaction (tenant,"
                    + " external_id, account, booked_on, amount, currency, counterparty, counterparty_tax_id, purpose,"
                    + " category, category_rule, content_hash, synced_by, synced_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int pending = 0;
                for (Map<String, Object> record : records) {
                    insert.setString(1, "default");
                    insert.setString(2, (String) record.get("id"));
                    insert.setString(3, (String) record.get("account"));
                    insert.setObject(4, LocalDate.parse((String) record.get("date")));
                    insert.setBigDecimal(5, new BigDecimal((String) record.get("amount")));
                    insert.setString(6, (String) record.get("currency"));
                    insert.setString(7, (String) record.get("counterparty"));
                    insert.setString(8, (String) record.get("counterpartyTaxId"));
                    insert.setString(9, (String) record.get("purpose"));
                    insert.setString(10, null);
                    insert.setString(11, null);
                    insert.setString(12, "0".repeat(64));
                    insert.setString(13, "raw-insert");
                    insert.setObject(14, now);
                    insert.addBatch();
                    if (++pending == 1000) {
                        insert.executeBatch();
                        connection.commit();
                        pending = 0;
                    }
                }
                insert.executeBatch();
                connection.commit();
            }
            return records.size() / ((System.nanoTime() - started) / 1e9);
        }
    }

    private SyncBenchmark() {
    }

}
