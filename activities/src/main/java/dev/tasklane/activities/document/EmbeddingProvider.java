package dev.tasklane.activities.document;

import java.util.List;

/** Turns texts into vectors of one fixed length, the same way for documents and for search queries. */
public interface EmbeddingProvider {

    /** The vectors of {@code texts}, in order, each of length {@link #dimensions()} and unit length. */
    List<float[]> embed(List<String> texts);

    int dimensions();

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
}
