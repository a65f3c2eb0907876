package dev.tasklane.activities.document;

import java.util.List;

/** Turns texts into vectors of one fixed length, the same way for documents and for search queries. */
public interface EmbeddingProvider extends AutoCloseable {

    /** The vectors of {@code texts}, in order, each of length {@link #dimensions()} and unit length. */
    List<float[]> embed(List<String> texts);

    int dimensions();

    /** The name of the vector space this provider embeds into: vectors of different models are never compared. */
    String model();

    /** Frees what the provider holds (threads); nothing by default. */
    @Override
    default void close() {
    }

    /** The cosine similarity of two unit vectors; 0 for vectors of different providers (different lengths). */
    static double similarity(float[] a, float[] b) {
        if (a.length != b.length) {
            return 0;
        }
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    /** Scales {@code vector} in place to unit length (a zero vector stays zero); returns it. */
    static float[] normalise(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        if (norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < vector.length; i++) {
                vector[i] *= scale;
            }
        }
        return vector;
    }
}
