package dev.tasklane.activities.sync;

import java.util.List;

/**
 * A source record mapped onto a target table's row: its natural key and its column values, in the order of
 * {@link SyncTarget#columns()}.
 */
public record MappedRecord(String key, List<Object> values) {
}
