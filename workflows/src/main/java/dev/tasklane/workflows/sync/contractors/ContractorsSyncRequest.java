package dev.tasklane.workflows.sync.contractors;

import dev.tasklane.workflows.lifecycle.PayloadField;
import dev.tasklane.workflows.sync.SyncRun;
import dev.tasklane.workflows.sync.SyncSource;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The {@code contractors-sync} payload: the accounting system's contractor (counterparty) directory.
 *
 * @param source    the paginated contractor export
 * @param batchSize records per transaction in the store
 */
@Serdeable
public record ContractorsSyncRequest(
        @PayloadField(value = "The accounting system's paginated contractor export.", required = true)
        SyncSource source,
        @PayloadField("Records written per store transaction, 1-5000 (default 100).") Integer batchSize) {

    public int batchSizeOrDefault() {
        return SyncRun.batchSizeOrDefault(batchSize);
    }
}
