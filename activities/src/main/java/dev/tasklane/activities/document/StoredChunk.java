package dev.tasklane.activities.document;

import io.micronaut.core.annotation.Nullable;

/** A chunk as the store keeps it, with its vector once the EMBEDDING stage computed it. */
public record StoredChunk(String id, String documentId, int seq, String text, long start, long end,
                          @Nullable float[] embedding) {

    /** The stable id of a document's {@code seq}th chunk. */
    public static String idOf(String documentId, int seq) {
        return documentId + "#" + seq;
    }
}
