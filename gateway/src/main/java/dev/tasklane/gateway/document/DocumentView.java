package dev.tasklane.gateway.document;

import dev.tasklane.gateway.tasks.TaskView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Map;

/**
 * A document as the API shows it: the stored content's identity, the task processing it, and the pipeline's
 * result with every stage's findings once it has one.
 *
 * @param duplicate true when this content was stored before and the earlier document is answered
 */
@Serdeable
public record DocumentView(String id, @Nullable String name, @Nullable String mediaType, long sizeBytes,
                           String checksum, Instant createdAt, @Nullable TaskView task, @Nullable Object result,
                           boolean duplicate, Map<String, String> links) {
}
