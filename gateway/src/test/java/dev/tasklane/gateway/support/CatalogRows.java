package dev.tasklane.gateway.support;

import dev.tasklane.store.task.TaskRepository;
import dev.tasklane.store.task.TaskRow;
import dev.tasklane.workflows.lifecycle.TaskPriority;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Writes catalog rows as a past would have left them, for tests of what reads the catalog's history. */
@Singleton
public final class CatalogRows {

    private final TaskRepository tasks;
    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;

    public CatalogRows(TaskRepository tasks, JdbcOperations jdbc, TransactionOperations<Connection> transactions) {
        this.tasks = tasks;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** A task of {@code tenant} that ran {@code ran} and ended {@code status} {@code ago}, with two events. */
    public String ended(String tenant, String type, TaskStatus status, Duration ago, Duration ran) {
        Instant ended = Instant.now().minus(ago).truncatedTo(ChronoUnit.MICROS);
        Instant started = ended.minus(ran);
        String id = save(tenant, type, status, TaskPriority.NORMAL, started.minusSeconds(1), started, ended);
        event(tenant, id, type, "task_started", status, started);
        event(tenant, id, type, "task_completed", status, ended);
        return id;
    }

    /** A task of {@code tenant} in {@code status} (not final), submitted {@code ago} and started then if running. */
    public String unfinished(String tenant, TaskStatus status, TaskPriority priority, Duration ago, String settingsJson) {
        Instant created = Instant.now().minus(ago).truncatedTo(ChronoUnit.MICROS);
        boolean started = status == TaskStatus.RUNNING || status == TaskStatus.RETRYING;
        String id = "webhook-delivery-" + UUID.randomUUID();
        tasks.save(new TaskRow(id, tenant, "someone", "webhook-delivery", status, priority, "{}", settingsJson, null,
                null, null, null, 1, null, null, created, null, started ? created : null, null, null));
        return id;
    }

    /** A completed task of {@code owner} of {@code tenant} with this stored input and result, submitted {@code ago}. */
    public String completed(String tenant, String owner, String inputJson, String resultJson, Duration ago) {
        Instant created = Instant.now().minus(ago).truncatedTo(ChronoUnit.MICROS);
        String id = "webhook-delivery-" + UUID.randomUUID();
        tasks.save(new TaskRow(id, tenant, owner, "webhook-delivery", TaskStatus.COMPLETED, TaskPriority.NORMAL,
                inputJson, "{}", resultJson, null, null, null, 1, null, null, created, null, created, created, null));
        return id;
    }

    private String save(String tenant, String type, TaskStatus status, TaskPriority priority, Instant created,
                        Instant started, Instant ended) {
        String id = type + "-" + UUID.randomUUID();
        tasks.save(new TaskRow(id, tenant, "someone", type, status, priority, "{}", "{}", null, null, null, null, 1,
                null, null, created, null, started, ended, null));
        return id;
    }

    private void event(String tenant, String id, String type, String eventType, TaskStatus status, Instant at) {
        transactions.executeWrite(s -> jdbc.prepareStatement("INSERT INTO task_event (tenant, owner, task_id, task_type,"
                + " event_type, at, status) VALUES (?, 'someone', ?, ?, ?, ?, ?)", statement -> {
                    statement.setString(1, tenant);
                    statement.setString(2, id);
                    statement.setString(3, type);
                    statement.setString(4, eventType);
                    statement.setObject(5, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                    statement.setString(6, status.name());
                    return statement.executeUpdate();
                }));
    }
}
