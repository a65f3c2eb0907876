package dev.tasklane.workflows.document;

import dev.tasklane.workflows.lifecycle.PayloadField;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The {@code document-pipeline} payload: a stored document and how to cut it.
 *
 * @param documentId    the document, as {@code POST /api/documents} stored it
 * @param chunkSize     largest chunk in characters (default 1000)
 * @param chunkOverlap  characters a chunk repeats from the one before (default 100)
 * @param categoryHints categories to prefer when the keyword rules tie or find nothing
 * @param sourceUrl     where to download the content from before the stages run; null for stored content
 */
@Serdeable
public record DocumentPipelineRequest(
        @PayloadField(value = "The stored document's id, as POST /api/documents answers it.", required = true) String documentId,
        @PayloadField(CHUNK_SIZE) Integer chunkSize,
        @PayloadField(CHUNK_OVERLAP) Integer chunkOverlap,
        @PayloadField(CATEGORY_HINTS) List<String> categoryHints,
        @PayloadField("An http(s) URL the pipeline downloads the document's content from first, as POST /api/documents"
                + " {url} sets it.") String sourceUrl) {

    /** The descriptions of the fields a document upload also takes, as its options. */
    public static final String CHUNK_SIZE = "Largest chunk in characters, 200-20000 (default 1000).";
    public static final String CHUNK_OVERLAP = "Characters each chunk repeats from the one before, under half the chunk"
            + " size (default 100).";
    public static final String CATEGORY_HINTS = "Categories to prefer when the keyword rules find none or tie.";

    public static final int DEFAULT_CHUNK_SIZE = 1000;
    public static final int DEFAULT_CHUNK_OVERLAP = 100;

    public int chunkSizeOrDefault() {
        return chunkSize == null ? DEFAULT_CHUNK_SIZE : chunkSize;
    }

    public int chunkOverlapOrDefault() {
        return chunkOverlap == null ? DEFAULT_CHUNK_OVERLAP : chunkOverlap;
    }

    public List<String> categoryHintsOrNone() {
        return categoryHints == null ? List.of() : categoryHints;
    }
}
