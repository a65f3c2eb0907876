package dev.tasklane.activities.sync;

import dev.tasklane.store.JsonColumns;
import dev.tasklane.store.Sql;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
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

    private final Sql sql;
    private final JsonColumns json;

    public SyncStore(Sql sql, JsonColumns json) {
        this.sql = sql;
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
            sql.update("INSERT INTO sync_run (task_id, attempt, checkpoint_json, started_at, updated_at)"
                    + " VALUES (?, 1, ?, ?, ?)", taskId, json.write(SyncCheckpoint.START), now, now);
            return new Claim(taskId, 1, SyncCheckpoint.START, now);
        }
        Claim claim = current.get();
        sql.update("UPDATE sync_run SET attempt = ?, updated_at = ? WHERE task_id = ?", claim.claim() + 1, now, taskId);
        return new Claim(taskId, claim.claim() + 1, claim.checkpoint(), claim.startedAt());
    }

    /** Where the run of {@code taskId} stands, if it has started. */
    @Transactional(readOnly = true)
    public Optional<Claim> find(String taskId) {
        return sql.first("SELECT attempt, checkpoint_json, started_at FROM sync_run WHERE task_id = ?",
                row -> new Claim(taskId, row.getInt(1), json.read(row.getString(2), SyncCheckpoint.class),
                        Sql.instant(row, 3)), taskId);
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
        moveRun(claim, next, now);
        return next;
    }

    /** Moves the run to {@code next} without records: past a page that was empty or already committed. */
    @Transactional
    public void advance(Claim claim, SyncCheckpoint next, Instant now) {
        moveRun(claim, next, now);
    }

    private void moveRun(Claim claim, SyncCheckpoint next, Instant now) {
        int moved = sql.update("UPDATE sync_run SET checkpoint_json = ?, updated_at = ? WHERE task_id = ?"
                + " AND attempt = ?", json.write(next), now, claim.taskId(), claim.claim());
        if (moved == 0) {
            throw new SupersededException(claim.taskId());
        }
    }

    /** The records the run of {@code taskId} could not map, in the order it met them. */
    @Transactional(readOnly = true)
    public List<SyncFailure> failures(String taskId, int offset, int limit) {
        return sql.list("SELECT page, record_key, reason, record_json FROM sync_failure WHERE task_id = ?"
                + " ORDER BY seq LIMIT ? OFFSET ?", row -> new SyncFailure(row.getLong(1), row.getString(2),
                        row.getString(3), row.getString(4)), taskId, limit, offset);
    }

    private UpsertCounts upsert(String taskId, String tenant, SyncTarget target, List<MappedRecord> records,
                                Instant now) {
        Map<String, String> stored = storedHashes(tenant, target,
                records.stream().map(MappedRecord::key).distinct().toList());
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        int unchanged = 0;
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
            row.add(now);
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
        sql.batch("INSERT INTO " + target.table() + " (tenant, external_id, " + String.join(", ", columns) + ") VALUES ("
                + Sql.marks(columns.size() + 2) + ")", inserts, row -> row);
        sql.batch("UPDATE " + target.table() + " SET " + columns.stream().map(c -> c + " = ?")
                .collect(Collectors.joining(", ")) + " WHERE tenant = ? AND external_id = ?", updates, row -> row);
        return new UpsertCounts(inserts.size(), updates.size(), unchanged);
    }

    private Map<String, String> storedHashes(String tenant, SyncTarget target, List<String> keys) {
        Map<String, String> hashes = new HashMap<>();
        for (int from = 0; from < keys.size(); from += KEYS_PER_QUERY) {
            List<String> slice = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_QUERY));
            sql.forEach("SELECT external_id, content_hash FROM " + target.table() + " WHERE tenant = ?"
                    + " AND external_id IN (" + Sql.marks(slice.size()) + ")",
                    row -> hashes.put(row.getString(1), row.getString(2)), tenant, slice);
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
        sql.batch("INSERT INTO sync_failure (task_id, seq, page, record_key, reason, record_json)"
                + " VALUES (?, ?, ?, ?, ?, ?)", rows, row -> row);
    }

    private static String cut(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }

    /** Thrown to an attempt whose run a later attempt has claimed: it must stop without committing. */
    public static final class SupersededException extends RuntimeException {

        SupersededException(String taskId) {
            super("a later attempt has taken over the sync of " + taskId + "; this one stops");
        }
    }
}
