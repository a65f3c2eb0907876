package dev.tasklane.activities.sync;

import dev.tasklane.store.JsonColumns;
import dev.tasklane.store.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The sync tables' writes: each batch's upsert, its failures and the run's new checkpoint in one transaction, so a
 * checkpoint never claims a batch that did not commit, nor a batch commit without its checkpoint. Every attempt of
 * a run claims it first; only the latest claim may commit, which shuts out an attempt Temporal gave up on.
 */
@Singleton
public class SyncStore {

    private static final int KEYS_PER_QUERY = 500;
    private static final int LONGEST_REASON = 1000;
    private static final int LONGEST_RECORD = 4000;

    private final JdbcOperations jdbc;
    private final JsonColumns json;

    public SyncStore(JdbcOperations jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A run's latest claim and where it stands. */
    public record Claim(String taskId, int claim, SyncCheckpoint checkpoint, Instant startedAt) {
    }

    /** Makes the calling attempt the one that may commit for {@code taskId}, and returns where the run stands. */
    @Transactional
    public Claim claim(String taskId, Instant now) {
        Optional<Claim> current = find(taskId);
        if (current.isEmpty()) {
            update("INSERT INTO sync_run (task_id, attempt, checkpoint_json, started_at, updated_at)"
                    + " VALUES (?, 1, ?, ?, ?)", taskId, json.write(SyncCheckpoint.START), Sql.utc(now), Sql.utc(now));
            return new Claim(taskId, 1, SyncCheckpoint.START, now);
        }
        Claim claim = current.get();
        update("UPDATE sync_run SET attempt = ?, updated_at = ? WHERE task_id = ?", claim.claim() + 1, Sql.utc(now),
                taskId);
        return new Claim(taskId, claim.claim() + 1, claim.checkpoint(), claim.startedAt());
    }

    /** Where the run of {@code taskId} stands, if it has started. */
    @Transactional(readOnly = true)
    public Optional<Claim> find(String taskId) {
        return jdbc.prepareStatement("SELECT attempt, checkpoint_json, started_at FROM sync_run WHERE task_id = ?",
                statement -> {
                    Sql.bind(statement, taskId);
                    ResultSet result = statement.executeQuery();
                    if (!result.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Claim(taskId, result.getInt(1),
                            json.read(result.getString(2), SyncCheckpoint.class),
                            result.getObject(3, OffsetDateTime.class).toInstant()));
                });
    }

    /**
     * Upserts {@code records} into {@code target}'s table for {@code tenant}, keeps {@code failures}, and moves the
     * run past them (counted with what the upsert did, then as {@code then} says), all or nothing. Throws {@link SupersededException}
     * when a later attempt has claimed the run.
     */
    @Transactional
    public SyncCheckpoint commitBatch(Claim claim, String tenant, SyncTarget target, List<MappedRecord> records,
                                      List<SyncFailure> failures, int consumed, Long sourceTotal,
                                      SyncCheckpoint before, UnaryOperator<SyncCheckpoint> then, Instant now) {
        UpsertCounts counts = upsert(claim.taskId(), tenant, target, records, now);
        keep(claim.taskId(), before.failed(), failures);
        SyncCheckpoint next = then.apply(before.afterBatch(counts, failures.size(), consumed, sourceTotal));
        int moved = update("UPDATE sync_run SET checkpoint_json = ?, updated_at = ? WHERE task_id = ? AND attempt = ?",
                json.write(next), Sql.utc(now), claim.taskId(), claim.claim());
        if (moved == 0) {
            throw new SupersededException(claim.taskId());
        }
        return next;
    }

    /** Moves the run to {@code next} without records: past a page that was empty or already committed. */
    @Transactional
    public void advance(Claim claim, SyncCheckpoint next, Instant now) {
        int moved = update("UPDATE sync_run SET checkpoint_json = ?, updated_at = ? WHERE task_id = ? AND attempt = ?",
                json.write(next), Sql.utc(now), claim.taskId(), claim.claim());
        if (moved == 0) {
            throw new SupersededException(claim.taskId());
        }
    }

    /** The records the run of {@code taskId} could not map, in the order it met them. */
    @Transactional(readOnly = true)
    public List<SyncFailure> failures(String taskId, int offset, int limit) {
        return jdbc.prepareStatement("SELECT page, record_key, reason, record_json FROM sync_failure WHERE task_id = ?"
                + " ORDER BY seq LIMIT ? OFFSET ?", statement -> {
                    Sql.bind(statement, taskId, limit, offset);
                    ResultSet result = statement.executeQuery();
                    List<SyncFailure> found = new ArrayList<>();
                    while (result.next()) {
                        found.add(new SyncFailure(result.getLong(1), result.getString(2), result.getString(3),
                                result.getString(4)));
                    }
                    return found;
                });
    }

    private UpsertCounts upsert(String taskId, String tenant, SyncTarget target, List<MappedRecord> records,
                                Instant now) {
        Map<String, String> stored = storedHashes(tenant, target,
                records.stream().map(MappedRecord::key).distinct().toList());
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        int unchanged = 0;
        OffsetDateTime at = Sql.utc(now);
        for (MappedRecord record : records) {
            String hash = record.contentHash();
            String known = stored.put(record.key(), hash);
            if (hash.equals(known)) {
                unchanged++;
                continue;
            }
            List<Object> row = new ArrayList<>(record.values());
            row.add(hash);
            row.add(taskId);
            row.add(at);
            if (known == null) {
                row.add(0, record.key());
                row.add(0, tenant);
                inserts.add(row.toArray());
            } else {
                row.add(tenant);
                row.add(record.key());
                updates.add(row.toArray());
            }
        }
        List<String> columns = new ArrayList<>(target.columns());
        columns.addAll(List.of("content_hash", "synced_by", "synced_at"));
        batch("INSERT INTO " + target.table() + " (tenant, external_id, " + String.join(", ", columns) + ") VALUES ("
                + "?, ".repeat(columns.size() + 1) + "?)", inserts);
        batch("UPDATE " + target.table() + " SET " + columns.stream().map(c -> c + " = ?")
                .collect(Collectors.joining(", ")) + " WHERE tenant = ? AND external_id = ?", updates);
        return new UpsertCounts(inserts.size(), updates.size(), unchanged);
    }

    private Map<String, String> storedHashes(String tenant, SyncTarget target, List<String> keys) {
        Map<String, String> hashes = new HashMap<>();
        for (int from = 0; from < keys.size(); from += KEYS_PER_QUERY) {
            List<String> slice = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_QUERY));
            jdbc.prepareStatement("SELECT external_id, content_hash FROM " + target.table() + " WHERE tenant = ?"
                    + " AND external_id IN (" + "?, ".repeat(slice.size() - 1) + "?)", statement -> {
                        statement.setString(1, tenant);
                        for (int i = 0; i < slice.size(); i++) {
                            statement.setString(i + 2, slice.get(i));
                        }
                        ResultSet result = statement.executeQuery();
                        while (result.next()) {
                            hashes.put(result.getString(1), result.getString(2));
                        }
                        return null;
                    });
        }
        return hashes;
    }

    private void keep(String taskId, long failedBefore, List<SyncFailure> failures) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < failures.size(); i++) {
            SyncFailure failure = failures.get(i);
            rows.add(new Object[] {taskId, failedBefore + i, failure.page(), cut(failure.recordKey(), 200),
                    cut(failure.reason(), LONGEST_REASON), cut(failure.record(), LONGEST_RECORD)});
        }
        batch("INSERT INTO sync_failure (task_id, seq, page, record_key, reason, record_json)"
                + " VALUES (?, ?, ?, ?, ?, ?)", rows);
    }

    private static String cut(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }

    private void batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.prepareStatement(sql, statement -> {
            for (Object[] row : rows) {
                Sql.bind(statement, row);
                statement.addBatch();
            }
            return statement.executeBatch();
        });
    }

    private int update(String sql, Object... args) {
        return jdbc.prepareStatement(sql, statement -> {
            Sql.bind(statement, args);
            return statement.executeUpdate();
        });
    }

    /** Thrown to an attempt whose run a later attempt has claimed: it must stop without committing. */
    public static final class SupersededException extends RuntimeException {

        SupersededException(String taskId) {
            super("a later attempt has taken over the sync of " + taskId + "; this one stops");
        }
    }
}
