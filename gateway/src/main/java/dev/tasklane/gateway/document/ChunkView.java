package dev.tasklane.gateway.document;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One chunk of a document; {@code score} and {@code passage} are set in search results.
 *
 * @param start   first character of the chunk in the document's text
 * @param end     character after its last
 * @param score   the cosine similarity of the chunk's vector to the query's
 * @param passage the sentence of the chunk to show for the query, with the query's words marked
 */
@Serdeable
public record ChunkView(String id, String documentId, int seq, String text, long start, long end,
                        @Nullable Double score, @Nullable Passage passage) {
}
