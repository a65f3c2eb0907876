package dev.tasklane.workflows.bulk;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * What a bulk action did, over every page.
 *
 * @param action  cancel, retry or delete
 * @param matched tasks matching the filter when it started
 * @param applied tasks the action was applied to
 * @param skipped matching tasks it no longer applied to
 * @param failed  tasks it failed on
 * @param errors  the first of the failures, one line each
 */
@Serdeable
public record BulkActionResult(String action, long matched, long applied, long skipped, long failed,
                               List<String> errors) {
}
