package dev.tasklane.workflows.sync;

import io.micronaut.serde.annotation.Serdeable;

/**
 * How a sync ended; what was committed stays committed, also when it was cancelled.
 *
 * @param fetched         records read from the source
 * @param created         records new to the store
 * @param updated         records the store had, changed since
 * @param unchanged       records the store had as they are
 * @param failed          records that could not be mapped, kept with their reason
 * @param pages           pages read
 * @param durationSeconds time from the first attempt's start to the end
 * @param cancelled       true when the sync was cancelled and stopped between batches
 */
@Serdeable
public record SyncResult(long fetched, long created, long updated, long unchanged, long failed, long pages,
                         double durationSeconds, boolean cancelled) {
}
