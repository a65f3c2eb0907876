package dev.tasklane.activities.document;

/** A chunk similar enough to another document's chunk to be linked to it. */
public record ChunkLink(String chunkId, String relatedChunkId, String relatedDocumentId, double score) {
}
