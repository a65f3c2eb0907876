package dev.tasklane.workflows.bulk;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * What one page of a bulk action did.
 *
 * @param applied    tasks the action was applied to
 * @param skipped    matching tasks it no longer applied to (they ended or started meanwhile)
 * @param errors     why the action failed on a task, one line each, at most a page's
 * @param nextCursor where the next page starts; null after the last
 */
@Serdeable
public record BulkActionPage(int applied, int skipped, List<String> errors, String nextCursor) {
}
