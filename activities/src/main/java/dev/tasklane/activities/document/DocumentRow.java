package dev.tasklane.activities.document;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/** A stored document: who owns it, what its content is (checksum, size, declared type) and its latest result. */
public record DocumentRow(String id, String tenant, String owner, @Nullable String name, String checksum,
                          long sizeBytes, @Nullable String mediaType, @Nullable String taskId,
                          @Nullable String resultJson, Instant createdAt) {
}
