package dev.tasklane.workflows.batch;

import dev.tasklane.workflows.lifecycle.PayloadField;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The {@code batch} payload: children to run, how many at once, and what a failed child does to the rest.
 *
 * @param concurrency children running at once (default 10)
 * @param onFailure   {@code continue} (default) runs every child whatever fails; {@code stop} cancels the rest at
 *                    the first failure
 */
@Serdeable
public record BatchRequest(
        @PayloadField(value = "The child tasks, registered by POST /api/tasks/batch or /api/documents/bulk.", required = true)
        List<BatchItem> items,
        @PayloadField(CONCURRENCY) Integer concurrency,
        @PayloadField(ON_FAILURE) String onFailure) {

    /** The descriptions of the options a batch submission takes. */
    public static final String CONCURRENCY = "Children running at once, 1-100 (default 10).";
    public static final String ON_FAILURE = "continue (default): every child runs; stop: the rest are cancelled at the"
            + " first failure.";

    public static final int DEFAULT_CONCURRENCY = 10;
    public static final String CONTINUE = "continue";
    public static final String STOP = "stop";

    public int concurrencyOrDefault() {
        return concurrency == null ? DEFAULT_CONCURRENCY : concurrency;
    }

    public boolean stopsOnFailure() {
        return STOP.equals(onFailure);
    }
}
