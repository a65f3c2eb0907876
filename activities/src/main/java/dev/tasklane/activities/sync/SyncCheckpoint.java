package dev.tasklane.activities.sync;

import dev.tasklane.workflows.sync.SyncResult;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Where a sync stands after its last committed batch: the page it is on and how many of that page's records
 * are committed, with the counts so far. Heartbeated to Temporal and committed with each batch.
 *
 * @param pages      pages finished
 * @param offset     records in the finished pages (the next page's offset, for offset paging)
 * @param cursor     the cursor that fetches the page in progress (cursor paging); null for the first page
 * @param doneInPage records of the page in progress already committed
 * @param fetched    records read from the source and committed, as created, updated, unchanged or failed
 * @param created    records new to the store
 * @param updated    records that changed
 * @param unchanged  records that were already as the source has them
 * @param failed     records that could not be mapped
 * @param total      the record count the source gave, if any
 */
@Serdeable
public record SyncCheckpoint(long pages, long offset, @Nullable String cursor, int doneInPage, long fetched,
                             long created, long updated, long unchanged, long failed, @Nullable Long total) {

    public static final SyncCheckpoint START = new SyncCheckpoint(0, 0, null, 0, 0, 0, 0, 0, 0, null);

    /** Whether this checkpoint is further along than {@code other}. */
    public boolean isAheadOf(SyncCheckpoint other) {
        return fetched > other.fetched;
    }

    /** After a batch of the page in progress: {@code batch} more records done, counted as {@code counts} says. */
    SyncCheckpoint afterBatch(UpsertCounts counts, int failures, int batch, @Nullable Long sourceTotal) {
        return new SyncCheckpoint(pages, offset, cursor, doneInPage + batch, fetched + batch,
                created + counts.created(), updated + counts.updated(), unchanged + counts.unchanged(),
                failed + failures, sourceTotal != null ? sourceTotal : total);
    }

    /** The page in progress finished with {@code size} records; {@code nextCursor} fetches the next one. */
    SyncCheckpoint nextPage(int size, @Nullable String nextCursor) {
        return new SyncCheckpoint(pages + 1, offset + size, nextCursor, 0, fetched, created, updated, unchanged,
                failed, total);
    }

    /** The result these counts make. */
    public SyncResult result(double durationSeconds, boolean cancelled) {
        return new SyncResult(fetched, created, updated, unchanged, failed, pages, durationSeconds, cancelled);
    }
}
