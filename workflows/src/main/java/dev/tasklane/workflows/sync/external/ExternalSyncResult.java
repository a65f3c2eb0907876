package dev.tasklane.workflows.sync.external;

import io.micronaut.serde.annotation.Serdeable;

/**
 * How an external sync ended.
 *
 * @param requests        requests the receiver accepted
 * @param records         records in them
 * @param durationSeconds time from start to end
 * @param cancelled       true when cancelled; the requests counted were delivered before
 */
@Serdeable
public record ExternalSyncResult(int requests, long records, double durationSeconds, boolean cancelled) {
}
