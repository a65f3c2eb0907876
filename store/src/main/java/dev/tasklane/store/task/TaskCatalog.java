package dev.tasklane.store.task;

import dev.tasklane.store.KeysetCursor;
import dev.tasklane.store.Sql;
import dev.tasklane.workflows.lifecycle.TaskPriority;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Lists a tenant's tasks newest first with optional filters, a page at a time by keyset
 * ({@code created_at, id}), so page 1,000 costs what page 1 does.
 */
@Singleton
public class TaskCatalog {

    /**
     * Optional filters of a listing; null (or empty {@code ids}) means any. {@code owner} narrows the listing to one
     * submitter's tasks; {@code createdFrom} (included) and {@code createdTo} (excluded) to a span of submissions.
     */
    public record Filter(@Nullable String owner, @Nullable String type, @Nullable TaskStatus status,
                         @Nullable TaskPriority priority, List<String> ids, @Nullable Instant createdFrom,
                         @Nullable Instant createdTo) {

        public Filter {
            ids = ids == null ? List.of() : List.copyOf(ids);
        }

        /** A listing's filters, over any IDs and any time. */
        public Filter(@Nullable String owner, @Nullable String type, @Nullable TaskStatus status,
                      @Nullable TaskPriority priority) {
            this(owner, type, status, priority, List.of(), null, null);
        }
    }

    /** A page of tasks and the cursor of the next page, null on the last page. */
    public record Page(List<TaskRow> items, @Nullable String nextCursor) {
    }

    /** Where a page starts: after the task with this creation time and ID. */
    public record Cursor(Instant createdAt, String id) {

        public String encode() {
            return new KeysetCursor(createdAt.toString(), id).encode();
        }

        /** Decodes a cursor this class produced; empty for anything else. */
        public static Optional<Cursor> decode(String text) {
            try {
                return KeysetCursor.decode(text).map(k -> new Cursor(Instant.parse(k.sortKey()), k.id()));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
    }

    private final Sql sql;

    public TaskCatalog(Sql sql) {
        this.sql = sql;
    }

    @ReadOnly
    public Page list(String tenant, Filter filter, @Nullable Cursor after, int limit) {
        List<Object> args = new ArrayList<>();
        List<TaskRow> rows = sql.entities(pageQuery("*", tenant, filter, after, limit, args), TaskRow.class, args);
        boolean more = rows.size() > limit;
        return page(more ? rows.subList(0, limit) : rows, more);
    }

    /**
     * Like {@link #list(String, Filter, Cursor, int)}, but a page also ends, with a cursor, before the task whose
     * stored input, result and error would take the page's JSON past {@code maxBytes} (UTF-8); its first task is
     * always in it. The sizes are read first, so no more than that page's rows are ever loaded.
     */
    @ReadOnly
    public Page list(String tenant, Filter filter, @Nullable Cursor after, int limit, long maxBytes) {
        List<Object> args = new ArrayList<>();
        List<Sized> sized = sql.list(pageQuery("id, OCTET_LENGTH(input_json) + COALESCE(OCTET_LENGTH(result_json), 0)"
                + " + COALESCE(OCTET_LENGTH(error_json), 0)", tenant, filter, after, limit, args),
                row -> new Sized(row.getString(1), row.getLong(2)), args);
        List<String> ids = new ArrayList<>();
        long bytes = 0;
        for (Sized task : sized) {
            bytes += task.bytes();
            if (ids.size() == limit || (!ids.isEmpty() && bytes > maxBytes)) {
                break;
            }
            ids.add(task.id());
        }
        Map<String, TaskRow> byId = new HashMap<>();
        if (!ids.isEmpty()) {
            sql.entities("SELECT * FROM task WHERE id IN (" + Sql.marks(ids.size()) + ")", TaskRow.class, ids)
                    .forEach(row -> byId.put(row.id(), row));
        }
        return page(ids.stream().map(byId::get).filter(Objects::nonNull).toList(), sized.size() > ids.size());
    }

    /** A task of a page and the bytes its stored input, result and error take. */
    private record Sized(String id, long bytes) {
    }

    /** A page of {@code rows}, with the cursor after the last of them when {@code more} rows follow. */
    private static Page page(List<TaskRow> rows, boolean more) {
        if (!more || rows.isEmpty()) {
            return new Page(List.copyOf(rows), null);
        }
        TaskRow last = rows.get(rows.size() - 1);
        return new Page(List.copyOf(rows), new Cursor(last.createdAt(), last.id()).encode());
    }

    /** The query of a page's {@code columns}, with one row more than {@code limit} to tell whether more follow. */
    private static String pageQuery(String columns, String tenant, Filter filter, @Nullable Cursor after, int limit,
                                    List<Object> args) {
        StringBuilder query = new StringBuilder("SELECT ").append(columns).append(" FROM task WHERE tenant = ?");
        args.add(tenant);
        // The ORDER BY names the tenant and one filtered column first, exactly as the matching index does,
        // so the database reads the page straight off that index (filtered by owner, else status, else type, else
        // priority).
        String indexed = null;
        if (filter.priority() != null) {
            query.append(" AND priority = ?");
            args.add(filter.priority().name());
            indexed = "priority";
        }
        if (filter.type() != null) {
            query.append(" AND type = ?");
            args.add(filter.type());
            indexed = "type";
        }
        if (filter.status() != null) {
            query.append(" AND status = ?");
            args.add(filter.status().name());
            indexed = "status";
        }
        if (filter.owner() != null) {
            query.append(" AND owner = ?");
            args.add(filter.owner());
            indexed = "owner";
        }
        if (!filter.ids().isEmpty()) {
            query.append(" AND id IN (").append(Sql.marks(filter.ids().size())).append(")");
            args.addAll(filter.ids());
        }
        if (filter.createdFrom() != null) {
            query.append(" AND created_at >= ?");
            args.add(filter.createdFrom());
        }
        if (filter.createdTo() != null) {
            query.append(" AND created_at < ?");
            args.add(filter.createdTo());
        }
        if (after != null) {
            query.append(" AND (created_at, id) < (?, ?)");
            args.add(after.createdAt());
            args.add(after.id());
        }
        query.append(" ORDER BY tenant, ").append(indexed == null ? "" : indexed + ", ")
                .append("created_at DESC, id DESC LIMIT ?");
        args.add(limit + 1);
        return query.toString();
    }

    /** Counts a tenant's tasks in each of {@code statuses}, only {@code owner}'s unless it is null. */
    @ReadOnly
    public long count(String tenant, @Nullable String owner, List<TaskStatus> statuses) {
        return countUpTo(tenant, owner, statuses, Long.MAX_VALUE);
    }

    /**
     * Counts a tenant's tasks in each of {@code statuses}, only {@code owner}'s unless it is null, stopping at
     * {@code atMost}: a quota need not count on. One index range per status, each read no further than the limit:
     * an {@code IN} list would make H2 read past every finished task of the tenant or owner.
     */
    @ReadOnly
    public long countUpTo(String tenant, @Nullable String owner, List<TaskStatus> statuses, long atMost) {
        String one = "(SELECT 1 FROM task WHERE tenant = ?" + (owner == null ? "" : " AND owner = ?")
                + " AND status = ? LIMIT ?)";
        List<Object> args = new ArrayList<>();
        for (TaskStatus status : statuses) {
            args.add(tenant);
            if (owner != null) {
                args.add(owner);
            }
            args.add(status.name());
            args.add(atMost);
        }
        long counted = sql.number("SELECT COUNT(*) FROM ("
                + String.join(" UNION ALL ", Collections.nCopies(statuses.size(), one)) + ") counted", args);
        return Math.min(counted, atMost);
    }

    /**
     * Counts the tasks of every tenant of {@code types} in each of {@code statuses}, stopping at {@code atMost}: the
     * tasks of one task queue, for its cap.
     */
    @ReadOnly
    public long countOfTypesUpTo(List<String> types, List<TaskStatus> statuses, long atMost) {
        String one = "(SELECT 1 FROM task WHERE status = ? AND type IN (" + String.join(", ",
                Collections.nCopies(types.size(), "?")) + ") LIMIT ?)";
        List<Object> args = new ArrayList<>();
        for (TaskStatus status : statuses) {
            args.add(status.name());
            args.addAll(types);
            args.add(atMost);
        }
        long counted = sql.number("SELECT COUNT(*) FROM ("
                + String.join(" UNION ALL ", Collections.nCopies(statuses.size(), one)) + ") counted", args);
        return Math.min(counted, atMost);
    }

    /**
     * What a bulk action matches: a tenant's tasks ({@code owner}'s only, unless null) in {@code statuses}, of
     * {@code type} unless null, submitted within [{@code createdFrom}, {@code createdTo}) where given, but never
     * {@code exceptId} (the bulk action's own task).
     */
    public record Matching(String tenant, @Nullable String owner, @Nullable String type, List<TaskStatus> statuses,
                           @Nullable Instant createdFrom, @Nullable Instant createdTo, String exceptId) {

        /** The WHERE clause, its arguments added to {@code args}. */
        String where(List<Object> args) {
            StringBuilder where = new StringBuilder(" WHERE tenant = ? AND id <> ? AND status IN (")
                    .append(Sql.marks(statuses.size())).append(")");
            args.add(tenant);
            args.add(exceptId);
            statuses.forEach(status -> args.add(status.name()));
            if (owner != null) {
                where.append(" AND owner = ?");
                args.add(owner);
            }
            if (type != null) {
                where.append(" AND type = ?");
                args.add(type);
            }
            if (createdFrom != null) {
                where.append(" AND created_at >= ?");
                args.add(createdFrom);
            }
            if (createdTo != null) {
                where.append(" AND created_at < ?");
                args.add(createdTo);
            }
            return where.toString();
        }
    }

    /** How many tasks {@code matching} selects now. */
    @ReadOnly
    public long count(Matching matching) {
        List<Object> args = new ArrayList<>();
        return sql.number("SELECT COUNT(*) FROM task" + matching.where(args), args);
    }

    /** A page of the tasks {@code matching} selects, newest first, after {@code after} (null: the first page). */
    @ReadOnly
    public Page list(Matching matching, @Nullable Cursor after, int limit) {
        List<Object> args = new ArrayList<>();
        StringBuilder query = new StringBuilder("SELECT * FROM task").append(matching.where(args));
        if (after != null) {
            query.append(" AND (created_at, id) < (?, ?)");
            args.add(after.createdAt());
            args.add(after.id());
        }
        query.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        args.add(limit + 1);
        List<TaskRow> rows = sql.entities(query.toString(), TaskRow.class, args);
        boolean more = rows.size() > limit;
        return page(more ? rows.subList(0, limit) : rows, more);
    }
}
