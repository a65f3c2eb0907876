package dev.tasklane.gateway.document;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One chunk of a document; {@code score} and {@code passage} are set in search results.
 *
 * @param start   first character of the chunk in the document's text
 * @param end     character after its last
 * @param score   how well the chunk answers the query: 0.8 × the cosine of its vector to the query's + 0.2 × the
 *                share of the query's content words it holds (the weights are configurable), at most 1
 * @param passage the sentence of the chunk to show for the query, with the query's words marked
 */
@Serdeable
public record ChunkView(String id, String documentId, int seq, String text, long start, long end,
                        @Nullable Double score, @Nullable Passage passage) {

    /** This chunk with {@code score}. */
    public ChunkView withScore(double score) {
        return new ChunkView(id, documentId, seq, text, start, end, score, passage);
    }

    /** This chunk with {@code passage}. */
    public ChunkView withPassage(Passage passage) {
        return new ChunkView(id, documentId, seq, text, start, end, score, passage);
    }
}
