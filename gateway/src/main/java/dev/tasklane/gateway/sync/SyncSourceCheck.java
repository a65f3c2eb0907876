package dev.tasklane.gateway.sync;

import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.webhook.DestinationCheck;
import dev.tasklane.workflows.sync.SyncRun;
import dev.tasklane.workflows.sync.SyncSource;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/** Checks what every pull sync's payload shares: its source and its batch size. */
@Singleton
public class SyncSourceCheck {

    private static final double MOST_REQUESTS_PER_SECOND = 1000;

    private final DestinationCheck destinations;

    public SyncSourceCheck(DestinationCheck destinations) {
        this.destinations = destinations;
    }

    /** Adds an error per faulty source setting (under {@code payload.source}) and for a batch size out of range. */
    public void check(SyncSource source, @Nullable Integer batchSize, FieldErrors errors) {
        destinations.checkUrl(source.url(), "payload.source.url", errors);
        if (source.paginationOrNull() == null) {
            errors.add("payload.source.pagination", "'" + source.pagination() + "' is not a pagination; use page,"
                    + " offset or cursor");
        }
        if (source.pageSize() != null && (source.pageSize() < 1 || source.pageSize() > SyncSource.LARGEST_PAGE_SIZE)) {
            errors.add("payload.source.pageSize", "must be between 1 and " + SyncSource.LARGEST_PAGE_SIZE);
        }
        checkName(source.pageParam(), "payload.source.pageParam", errors);
        checkName(source.sizeParam(), "payload.source.sizeParam", errors);
        checkName(source.totalField(), "payload.source.totalField", errors);
        checkName(source.cursorField(), "payload.source.cursorField", errors);
        if (source.itemsField() != null && source.itemsField().length() > 100) {
            errors.add("payload.source.itemsField", "must be at most 100 characters");
        }
        DestinationCheck.checkHeaders(source.headers(), "payload.source.headers", errors);
        if (source.requestsPerSecond() != null && (source.requestsPerSecond() <= 0
                || source.requestsPerSecond() > MOST_REQUESTS_PER_SECOND)) {
            errors.add("payload.source.requestsPerSecond", "must be more than 0 and at most "
                    + (int) MOST_REQUESTS_PER_SECOND);
        }
        if (source.timeoutSeconds() != null && (source.timeoutSeconds() < 1 || source.timeoutSeconds() > 300)) {
            errors.add("payload.source.timeoutSeconds", "must be between 1 and 300");
        }
        if (batchSize != null && (batchSize < 1 || batchSize > SyncRun.LARGEST_BATCH_SIZE)) {
            errors.add("payload.batchSize", "must be between 1 and " + SyncRun.LARGEST_BATCH_SIZE);
        }
    }

    private static void checkName(@Nullable String name, String field, FieldErrors errors) {
        if (name != null && (name.isBlank() || name.length() > 100)) {
            errors.add(field, "must be 1-100 characters, not blank");
        }
    }
}
