package dev.tasklane.activities.sync;

import io.micronaut.json.tree.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * A table synced records land in, keyed by tenant and the source's natural key ({@code external_id}), and how a
 * source record maps onto its columns. Every such table also has {@code content_hash}, {@code synced_by} and
 * {@code synced_at}.
 */
public interface SyncTarget {

    String table();

    /** The mapped columns, besides the key and the bookkeeping columns. */
    List<String> columns();

    /** The record as a row, or why it cannot be one. */
    MappedRecord map(JsonNode record) throws UnmappableRecordException;

    /** Query parameters every page request carries, such as a date range. */
    default Map<String, String> sourceQuery() {
        return Map.of();
    }
}
