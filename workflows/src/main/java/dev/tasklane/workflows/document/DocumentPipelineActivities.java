package dev.tasklane.workflows.document;

import io.temporal.activity.ActivityInterface;

import java.util.List;

/**
 * The stages of a document pipeline. Each reads what the stage before it left in the store and writes its own
 * output there, replacing what an earlier attempt left, so every stage can be retried or redelivered. Chunks stay
 * staged, invisible to search, until {@link #store} publishes them.
 */
@ActivityInterface
public interface DocumentPipelineActivities {

    /** Error type of content the pipeline cannot process (unsupported, corrupt, encrypted, empty). */
    String UNPROCESSABLE = "UnprocessableDocument";
    /** Error type of a document whose quality score is below the threshold. */
    String QUALITY_TOO_LOW = "QualityTooLow";

    /** Sniffs the format from the content, guesses the language and picks a category. */
    DocumentClassification classify(String documentId, List<String> categoryHints);

    /** Extracts plain text into the store, streaming large inputs; heartbeats its position. */
    DocumentExtraction extract(String documentId, String format);

    /** Cuts the text into sentence-aligned chunks with stable ids; returns how many. */
    int chunk(String documentId, int chunkSize, int chunkOverlap);

    /** Computes the vector of every staged chunk that has none, in batches; returns how many were computed. */
    int embed(String documentId);

    /** Publishes the staged chunks and their vectors, in batches; returns how many. */
    int store(String documentId);

    /** Links the chunks to similar chunks of the owner's other documents; returns the documents linked. */
    List<CrossReference> integrate(String documentId);

    /** Scores the result; a score under the threshold fails the task (non-retryable) with the findings. */
    QualityReport checkQuality(String documentId, DocumentExtraction extraction);

    /** Records the result on the document. */
    void recordResult(DocumentPipelineResult result);

    /** Removes what a failed or cancelled run staged: chunks, vectors and links; the document stays. */
    void discard(String documentId);
}
