package dev.tasklane.activities.document;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fallback for tiny deployments ({@code provider: hashing}): no model to load, the same vector for the same text
 * every time. Words and word pairs are hashed into a fixed number of signed buckets and the counts normalised (the
 * hashing trick), so texts sharing words and phrases come out similar; texts sharing only meaning do not.
 */
public class HashingEmbeddingProvider implements EmbeddingProvider {

    /** The name of its vectors' space. */
    public static final String MODEL = "hashing-384";

    private static final int DIMENSIONS = 384;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    @Override
    public List<float[]> embed(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (String text : texts) {
            vectors.add(embed(text));
        }
        return vectors;
    }

    private static float[] embed(String text) {
        float[] vector = new float[DIMENSIONS];
        Matcher words = WORD.matcher(text.toLowerCase(Locale.ROOT));
        String previous = null;
        while (words.find()) {
            String word = words.group();
            add(vector, word, 1.0f);
            if (previous != null) {
                add(vector, previous + " " + word, 0.5f);
            }
            previous = word;
        }
        return EmbeddingProvider.normalise(vector);
    }

    /** Adds {@code weight} to the bucket the feature hashes to, with the sign its hash gives (FNV-1a, 64 bits). */
    private static void add(float[] vector, String feature, float weight) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : feature.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        int bucket = (int) Math.floorMod(hash, (long) DIMENSIONS);
        vector[bucket] += (hash >>> 63) == 0 ? weight : -weight;
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public String model() {
        return MODEL;
    }
}
