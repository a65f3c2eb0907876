package dev.tasklane.gateway.benchmark;

import dev.tasklane.store.task.TaskCatalog;
import dev.tasklane.workflows.lifecycle.TaskPriority;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.context.ApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Times catalog listings (first pages, deep keyset pages, each filter) over an H2 file store holding a
 * million tasks of one tenant. Run with {@code mvn -B -q -DskipTests -Pbenchmark verify}; see docs/benchmarks.md.
 */
public final class CatalogListBenchmark {

    private static final String[] TYPES = {"webhook-delivery", "document-pipeline", "bank-transactions-sync",
            "cleanup", "analytics"};
    private static final int REPEATS = 50;
    private static final TaskCatalog.Filter ANY = new TaskCatalog.Filter(null, null, null, null);

    static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    public static void main(String[] args) throws Exception {
        int rows = Integer.getInteger("benchmark.catalog.rows", 1_000_000);
        Path dir = Files.createTempDirectory("tasklane-catalog-benchmark");
        String url = "jdbc:h2:file:" + dir.resolve("catalog");
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "datasources.default.url", url, "tasklane.role", "gateway",
                "tasklane.security.jwt-secret", randomKey(), "tasklane.security.encryption-key", randomKey()))) {
            long started = System.nanoTime();
            try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
                fill(connection, rows);
            }
            System.out.printf(Locale.ROOT, "inserted %,d tasks in %.1f s%n", rows, (System.nanoTime() - started) / 1e9);
            TaskCatalog catalog = context.getBean(TaskCatalog.class);
            Instant newest = catalog.list("default", ANY, null, 1).items().get(0).createdAt();
            Random random = new Random(7);
            // Every repetition asks something slightly different, so no answer comes from H2's result cache.
            Supplier<Integer> pageSize = () -> 41 + random.nextInt(20);
            Supplier<TaskCatalog.Cursor> somewhere = () -> new TaskCatalog.Cursor(
                    newest.minusSeconds(random.nextInt(30 * 24 * 3600)), "");
            time("first page, no filter", () -> catalog.list("default", ANY, null, pageSize.get()));
            time("a page anywhere (keyset cursor)", () -> catalog.list("default", ANY, somewhere.get(), 50));
            time("status=FAILED (5 %), anywhere", () -> catalog.list("default", filter(null, TaskStatus.FAILED, null),
                    somewhere.get(), 50));
            time("status=RUNNING (1 %), anywhere", () -> catalog.list("default", filter(null, TaskStatus.RUNNING, null),
                    somewhere.get(), 50));
            time("type=cleanup, anywhere", () -> catalog.list("default", filter("cleanup", null, null),
                    somewhere.get(), 50));
            time("priority=CRITICAL, anywhere", () -> catalog.list("default", filter(null, null, TaskPriority.CRITICAL),
                    somewhere.get(), 50));
            time("type+status+priority (0.2 %), anywhere", () -> catalog.list("default",
                    filter("analytics", TaskStatus.FAILED, TaskPriority.CRITICAL), somewhere.get(), 50));
            time("count of active tasks", () -> catalog.count("default", null,
                    random.nextBoolean() ? List.of(TaskStatus.RUNNING, TaskStatus.RETRYING) : List.of(TaskStatus.QUEUED)));
            time("quota: the tenant's unfinished, up to 10000", () -> catalog.countUpTo("default", null,
                    TaskStatus.unfinished(), 10_000 - random.nextInt(20)));
            time("quota: one owner's unfinished, up to 1000", () -> catalog.countUpTo("default", "bench",
                    TaskStatus.unfinished(), 1_000 - random.nextInt(20)));
            time("quota: one owner's scheduled, up to 500", () -> catalog.countUpTo("default", "bench",
                    List.of(TaskStatus.SCHEDULED), 500 - random.nextInt(20)));
        }
        deleteTree(dir);
        System.exit(0);
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void fill(Connection connection, int rows) throws Exception {
        Random random = new Random(42);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try (PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO task (id, tenant, owner, type, status, priority, input_json, settings_json, attempt,
                                       created_at)
                     VALUES (?, 'default', 'bench', ?, ?, ?, '{}', '{}', 1, ?)""")) {
            connection.setAutoCommit(false);
            for (int i = 0; i < rows; i++) {
                String type = TYPES[random.nextInt(TYPES.length)];
                int roll = random.nextInt(100);
                TaskStatus status = roll < 90 ? TaskStatus.COMPLETED : roll < 95 ? TaskStatus.FAILED
                        : roll < 97 ? TaskStatus.QUEUED : roll < 98 ? TaskStatus.RUNNING : TaskStatus.CANCELLED;
                insert.setString(1, type + "-" + new java.util.UUID(random.nextLong(), random.nextLong()));
                insert.setString(2, type);
                insert.setString(3, status.name());
                insert.setString(4, TaskPriority.values()[random.nextInt(5)].name());
                // Submitted over the last 30 days, in order, as a catalog fills up in real life.
                insert.setObject(5, now.minusMillis((rows - i) * (30L * 24 * 3600 * 1000 / rows)).atOffset(ZoneOffset.UTC));
                insert.addBatch();
                if (i % 5000 == 4999) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
            insert.executeBatch();
            connection.commit();
        }
    }

    private static TaskCatalog.Filter filter(String type, TaskStatus status, TaskPriority priority) {
        return new TaskCatalog.Filter(null, type, status, priority);
    }

    private static void time(String what, Supplier<?> query) {
        List<Long> micros = new ArrayList<>();
        Object answer = null;
        for (int i = 0; i < REPEATS + 5; i++) {
            long started = System.nanoTime();
            answer = query.get();
            if (i >= 5) {
                micros.add((System.nanoTime() - started) / 1000);
            }
        }
        Collections.sort(micros);
        String size = answer instanceof TaskCatalog.Page page ? page.items().size() + " rows" : answer + "";
        System.out.printf(Locale.ROOT, "%-42s median %7.2f ms  max %7.2f ms  (%s)%n", what,
                micros.get(micros.size() / 2) / 1000.0, micros.get(micros.size() - 1) / 1000.0, size);
    }
}
