package dev.tasklane.gateway.sync;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** A page of synced records; {@code nextCursor} fetches the next page and is null on the last. */
@Serdeable
public record SyncedPage<T>(List<T> items, @Nullable String nextCursor) {
}
