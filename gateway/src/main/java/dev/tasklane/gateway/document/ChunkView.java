package dev.tasklane.gateway.document;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One chunk of a document; {@code score} is set in search results.
 *
 * @param start first character of the chunk in the document's text
 * @param end   character after its last
 */
@Serdeable
public record ChunkView(String id, String documentId, int seq, String text, long start, long end,
                        @Nullable Double score) {
}
