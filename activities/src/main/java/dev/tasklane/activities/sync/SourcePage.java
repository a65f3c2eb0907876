package dev.tasklane.activities.sync;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;

import java.util.List;

/**
 * One page a source sent.
 *
 * @param items      its records
 * @param total      the total record count, when the source gives one
 * @param nextCursor the cursor of the next page (cursor paging)
 * @param last       whether no page follows
 */
record SourcePage(List<JsonNode> items, @Nullable Long total, @Nullable String nextCursor, boolean last) {
}
