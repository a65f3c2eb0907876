package dev.tasklane.workflows.document;

import io.temporal.activity.ActivityInterface;

/** Embeds again, with the model now configured, the stored chunks whose vectors another model made. */
@ActivityInterface
public interface ReembeddingActivities {

    /** Error type of a worker whose configured model is not the one the re-embedding was started for. */
    String OTHER_MODEL = "OtherEmbeddingModel";

    /**
     * Re-embeds with {@code model} up to {@code batch} chunks of another model, the first ones in id order after
     * {@code afterChunk} (from the start when null), and renews the centroid of each document all of whose chunks
     * are then {@code model}'s.
     */
    ReembeddedBatch reembed(String model, String afterChunk, int batch);
}
