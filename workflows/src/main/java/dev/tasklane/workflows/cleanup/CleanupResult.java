package dev.tasklane.workflows.cleanup;

import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * What a cleanup removed and set right.
 *
 * @param deletedTasks    finished tasks removed
 * @param deletedByStatus of those, how many per final status
 * @param deletedEvents   their events removed
 * @param reconciled      unfinished catalog rows set to what Temporal says, their workflows having been closed from
 *                        outside
 * @param allTenants      whether it covered every tenant (a built-in schedule's run) or the task's own
 * @param cancelled       whether it stopped early because it was cancelled
 */
@Serdeable
public record CleanupResult(long deletedTasks, Map<String, Long> deletedByStatus, long deletedEvents, long reconciled,
                            boolean allTenants, boolean cancelled) {
}
