package dev.tasklane.gateway.document;

import dev.tasklane.activities.document.DocumentStore;
import dev.tasklane.activities.document.EmbeddingProvider;
import dev.tasklane.activities.document.StoredChunk;
import dev.tasklane.gateway.security.Caller;
import jakarta.inject.Singleton;

import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Finds the published chunks most similar to a query (cosine of the vectors the configured embedding model made, never
 * another's): a USER's own, a MANAGER's whole tenant, at most {@code tasklane.documents.search.max-chunks} of them.
 */
@Singleton
public class DocumentSearch {

    /**
     * The best chunks, best first; {@code truncated} when the search stopped at the chunk limit; {@code
     * otherModelChunks} chunks the caller may see were left out, their vectors made by another model than {@code
     * model} and not yet embedded again.
     */
    public record Found(List<ChunkView> items, int examinedChunks, boolean truncated, String model,
                        long otherModelChunks) {
    }

    /** Better first: the higher score, and of equal scores the earlier chunk id, whatever order they were read in. */
    private static final Comparator<ChunkView> BETTER = Comparator.comparingDouble(ChunkView::score).reversed()
            .thenComparing(ChunkView::id);

    private final DocumentStore documents;
    private final EmbeddingProvider embeddings;
    private final SearchSlots slots;
    private final SearchProperties properties;

    public DocumentSearch(DocumentStore documents, EmbeddingProvider embeddings, SearchSlots slots,
                          SearchProperties properties) {
        this.documents = documents;
        this.embeddings = embeddings;
        this.slots = slots;
        this.properties = properties;
    }

    /** The {@code k} best chunks of the documents the caller may see, best first. */
    public Found search(String query, int k, Caller caller) {
        return slots.run(caller, () -> {
            float[] target = embeddings.embed(List.of(query)).get(0);
            PriorityQueue<ChunkView> best = new PriorityQueue<>(BETTER.reversed());
            int[] examined = {0};
            boolean truncated = documents.forEachPublished(caller.tenant(), caller.ownerScope(), embeddings.model(),
                    properties.maxChunks(), chunk -> {
                        examined[0]++;
                        best.add(view(chunk, EmbeddingProvider.similarity(target, chunk.embedding())));
                        if (best.size() > k) {
                            best.poll();
                        }
                    });
            return new Found(best.stream().sorted(BETTER).toList(), examined[0], truncated, embeddings.model(),
                    documents.publishedOfOtherModels(caller.tenant(), caller.ownerScope(), embeddings.model()));
        });
    }

    static ChunkView view(StoredChunk chunk, Double score) {
        return new ChunkView(chunk.id(), chunk.documentId(), chunk.seq(), chunk.text(), chunk.start(), chunk.end(),
                score);
    }
}
