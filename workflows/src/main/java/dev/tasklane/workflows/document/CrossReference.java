package dev.tasklane.workflows.document;

import io.micronaut.serde.annotation.Serdeable;

/**
 * Another document of the same owner with chunks similar to this one's.
 *
 * @param documentId the other document
 * @param score      the best cosine similarity between a chunk of each
 * @param links      how many chunk pairs passed the threshold
 */
@Serdeable
public record CrossReference(String documentId, double score, int links) {
}
