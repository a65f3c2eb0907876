package dev.tasklane.store;

import dev.tasklane.store.notification.NotificationRow;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one statement helper against the real schema on H2: how arguments bind and how rows come back. */
@MicronautTest(transactional = false)
class SqlTest {

    private static final String INSERT = "INSERT INTO notification (tenant, owner, task_id, task_type, status, message,"
            + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final Instant AT = Instant.parse("2026-03-04T05:06:07.123456Z");

    @Inject
    Sql sql;

    @Inject
    TransactionOperations<Connection> transactions;

    @BeforeEach
    void empty() {
        write(() -> sql.update("DELETE FROM notification"));
    }

    @Test
    void anInstantIsStoredAsItsUtcTimestampAndReadBackTheSame() {
        write(() -> sql.update(INSERT, "acme", "ann", "task-1", "webhook", "COMPLETED", null, AT));

        assertEquals(Optional.of(AT), read(() -> sql.first("SELECT created_at FROM notification WHERE task_id = ?",
                row -> Sql.instant(row, 1), "task-1")));
        assertEquals(1L, (long) read(() -> sql.number("SELECT COUNT(*) FROM notification WHERE created_at = ?", AT)));
    }

    @Test
    void aListArgumentFillsOnePlaceForEachOfItsElements() {
        List<String> tasks = List.of("task-1", "task-2", "task-3");
        write(() -> {
            sql.batch(INSERT, tasks, task -> new Object[] {"acme", "ann", task, "webhook", "FAILED", task, AT});
            return null;
        });

        List<String> chosen = List.of("task-1", "task-3");
        assertEquals(chosen, read(() -> sql.list("SELECT task_id FROM notification WHERE tenant = ? AND task_id IN ("
                + Sql.marks(chosen.size()) + ") AND owner = ? ORDER BY task_id", row -> row.getString(1), "acme",
                chosen, "ann")));
    }

    @Test
    void anOptionalArgumentBindsOnlyWhenPresent() {
        write(() -> sql.update(INSERT, "acme", "ann", "task-1", "webhook", "COMPLETED", null, AT));
        write(() -> sql.update(INSERT, "umbrella", "bob", "task-2", "webhook", "COMPLETED", null, AT));

        for (String tenant : new String[] {null, "acme"}) {
            long counted = read(() -> sql.number("SELECT COUNT(*) FROM notification WHERE status = ?"
                    + (tenant == null ? "" : " AND tenant = ?"), "COMPLETED", Sql.optional(tenant)));
            assertEquals(tenant == null ? 2 : 1, counted, "tenant " + tenant);
        }
    }

    @Test
    void noRowIsEmptyAndEachRowIsHandedOnInOrder() {
        assertTrue(read(() -> sql.first("SELECT task_id FROM notification WHERE task_id = ?", row -> row.getString(1),
                "absent")).isEmpty());
        write(() -> {
            sql.batch(INSERT, List.of(), task -> new Object[0]);
            sql.batch(INSERT, List.of("b", "a"), task -> new Object[] {"acme", "ann", task, "webhook", "COMPLETED",
                null, AT});
            return null;
        });

        List<String> handed = new ArrayList<>();
        write(() -> {
            sql.forEach("SELECT task_id FROM notification ORDER BY task_id", row -> handed.add(row.getString(1)));
            return null;
        });
        assertEquals(List.of("a", "b"), handed);
    }

    @Test
    void entitiesAreMappedAsTheirRepositoryMapsThem() {
        write(() -> sql.update(INSERT, "acme", "ann", "task-1", "webhook", "TIMED_OUT", "too slow", AT));

        NotificationRow row = read(() -> sql.entities("SELECT * FROM notification WHERE tenant = ?",
                NotificationRow.class, "acme")).get(0);
        assertEquals("task-1", row.taskId());
        assertEquals(TaskStatus.TIMED_OUT, row.status());
        assertEquals("too slow", row.message());
        assertEquals(AT, row.createdAt());
        assertNull(row.readAt());
    }

    private <T> T write(Supplier<T> work) {
        return transactions.executeWrite(status -> work.get());
    }

    private <T> T read(Supplier<T> work) {
        return transactions.executeRead(status -> work.get());
    }
}
