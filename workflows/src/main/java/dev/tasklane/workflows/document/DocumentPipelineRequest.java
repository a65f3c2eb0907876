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
 * @param review        {@code required}: after its quality check the document awaits a person's approval
 * @param reviewHours   how long it awaits one before it stops (default 72)
 */
@Serdeable
public record DocumentPipelineRequest(
        @PayloadField(value = "The stored document's id, as POST /api/documents answers it.", required = true) String documentId,
        @PayloadField(CHUNK_SIZE) Integer chunkSize,
        @PayloadField(CHUNK_OVERLAP) Integer chunkOverlap,
        @PayloadField(CATEGORY_HINTS) List<String> categoryHints,
        @PayloadField("An http(s) URL the pipeline downloads the document's content from first, as POST /api/documents"
                + " {url} sets it.") String sourceUrl,
        @PayloadField(REVIEW) String review,
        @PayloadField(REVIEW_HOURS) Integer reviewHours) {

    /** The descriptions of the fields a document upload also takes, as its options. */
    public static final String CHUNK_SIZE = "Largest chunk in characters, 200-20000 (default 1000).";
    public static final String CHUNK_OVERLAP = "Characters each chunk repeats from the one before, under half the chunk"
            + " size (default 100).";
    public static final String CATEGORY_HINTS = "Categories to prefer when the keyword rules find none or tie.";
    public static final String REVIEW = "required: after its quality check the document waits, AWAITING_APPROVAL, for "
            + "a MANAGER to approve it (it goes on) or reject it (it stops) with the review update; none (default).";
    public static final String REVIEW_HOURS = "Hours the document awaits its review before it stops TIMED_OUT, 1-720 "
            + "(default 72); its owner is reminded at half of them.";
    public static final String REVIEW_REQUIRED = "required";
    public static final int DEFAULT_REVIEW_HOURS = 72;

    public static final int DEFAULT_CHUNK_SIZE = 1000;
    public static final int DEFAULT_CHUNK_OVERLAP = 100;

    public int chunkSizeOrDefault() {
        return chunkSize == null ? DEFAULT_CHUNK_SIZE : chunkSize;
    }

    public int chunkOverlapOrDefault() {
        return chunkOverlap == null ? DEFAULT_CHUNK_OVERLAP : chunkOverlap;
    }

    public boolean reviewRequired() {
        return REVIEW_REQUIRED.equals(review);
    }

    public int reviewHoursOrDefault() {
        return reviewHours == null ? DEFAULT_REVIEW_HOURS : reviewHours;
    }

    public List<String> categoryHintsOrNone() {
        return categoryHints == null ? List.of() : categoryHints;
    }
}
