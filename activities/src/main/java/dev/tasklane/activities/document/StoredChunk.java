package dev.tasklane.activities.document;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/** A chunk as the store keeps it, with its vector once the EMBEDDING stage computed it. */
public record StoredChunk(String id, String documentId, int seq, String text, long start, long end,
                          @Nullable float[] embedding) {

    /** The stable id of a document's {@code seq}th chunk. */
    public static String idOf(String documentId, int seq) {
        return documentId + "#" + seq;
    }

    /** The normalised mean of the chunks' vectors: where the document lies among the others. */
    public static float[] centroid(List<StoredChunk> chunks) {
        float[] sum = new float[chunks.isEmpty() ? 0 : chunks.get(0).embedding().length];
        for (StoredChunk chunk : chunks) {
            for (int d = 0; d < sum.length; d++) {
                sum[d] += chunk.embedding()[d];
            }
        }
        return EmbeddingProvider.normalise(sum);
    }
}
