package dev.tasklane.activities.sync.contractors;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * A synced contractor as clients read it.
 *
 * @param id       the accounting system's contractor id
 * @param syncedBy the sync task that last wrote it
 */
@Serdeable
public record ContractorRow(String id, String name, @Nullable String taxId, @Nullable String kind,
                            @Nullable String email, @Nullable String phone, @Nullable String address, String syncedBy,
                            Instant syncedAt) {
}
