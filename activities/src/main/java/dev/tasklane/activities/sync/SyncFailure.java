package dev.tasklane.activities.sync;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A source record a sync could not map, as kept for the operator.
 *
 * @param page      the page it came on (1 for the first)
 * @param recordKey its key, when it had one
 * @param reason    why it could not be mapped
 * @param record    the record as the source sent it, cut to 4000 characters
 */
@Serdeable
public record SyncFailure(long page, @Nullable String recordKey, String reason, @Nullable String record) {
}
