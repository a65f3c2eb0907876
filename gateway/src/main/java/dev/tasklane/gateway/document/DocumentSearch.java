package dev.tasklane.gateway.document;

import dev.tasklane.activities.document.DocumentStore;
import dev.tasklane.activities.document.EmbeddingProvider;
import dev.tasklane.activities.document.PgVector;
import dev.tasklane.activities.document.StoredChunk;
import dev.tasklane.gateway.security.Caller;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Finds the published chunks most similar to a query (cosine of the vectors the configured embedding model made, never
 * another's): a USER's own, a MANAGER's whole tenant, at most {@code tasklane.documents.search.max-chunks} of them. The
 * best by meaning are ranked again with the query's words they contain, so a name or code picks its document out of
 * near copies.
 */
@Singleton
public class DocumentSearch {

    /**
     * The best chunks, best first, found by {@code method}; {@code truncated} when a scan stopped at the chunk limit;
     * {@code otherModelChunks} chunks the caller may see were left out, their vectors made by another model than
     * {@code model} and not yet embedded again.
     */
    public record Found(List<ChunkView> items, String method, int examinedChunks, boolean truncated, String model,
                        long otherModelChunks) {
    }

    /** Searched the pgvector HNSW index. */
    public static final String INDEX = "hnsw-index";
    /** Compared every chunk the caller may see, up to the chunk limit. */
    public static final String SCAN = "scan";

    /** Chunks found by meaning that the query's words rank again, at least: the first {@code k} come from them. */
    static final int RANKED_AGAIN = 50;

    /** Better first: the higher score, and of equal scores the earlier chunk id, whatever order they were read in. */
    private static final Comparator<ChunkView> BETTER = Comparator.comparingDouble(ChunkView::score).reversed()
            .thenComparing(ChunkView::id);

    private final DocumentStore documents;
    private final EmbeddingProvider embeddings;
    private final SearchSlots slots;
    private final SearchProperties properties;
    private final PgVector pgVector;

    public DocumentSearch(DocumentStore documents, EmbeddingProvider embeddings, SearchSlots slots,
                          SearchProperties properties, PgVector pgVector) {
        this.documents = documents;
        this.embeddings = embeddings;
        this.slots = slots;
        this.properties = properties;
        this.pgVector = pgVector;
    }

    /** The {@code k} best chunks of the documents the caller may see, best first. */
    public Found search(String query, int k, Caller caller) {
        return slots.run(caller, () -> {
            float[] target = embeddings.embed(List.of(query)).get(0);
            long otherModels = documents.publishedOfOtherModels(caller.tenant(), caller.ownerScope(),
                    embeddings.model());
            int candidates = Math.max(k, RANKED_AGAIN);
            if (pgVector.on()) {
                List<ChunkView> nearest = documents.nearest(caller.tenant(), caller.ownerScope(), target, candidates,
                        properties.maxChunks()).stream().map(near -> found(near.chunk(), near.score())).toList();
                return new Found(best(nearest, query, k), INDEX, nearest.size(), false, embeddings.model(),
                        otherModels);
            }
            PriorityQueue<ChunkView> nearest = new PriorityQueue<>(BETTER.reversed());
            int[] examined = {0};
            boolean truncated = documents.forEachPublished(caller.tenant(), caller.ownerScope(), embeddings.model(),
                    properties.maxChunks(), chunk -> {
                        examined[0]++;
                        nearest.add(found(chunk, EmbeddingProvider.similarity(target, chunk.embedding())));
                        if (nearest.size() > candidates) {
                            nearest.poll();
                        }
                    });
            return new Found(best(List.copyOf(nearest), query, k), SCAN, examined[0], truncated, embeddings.model(),
                    otherModels);
        });
    }

    /**
     * The {@code k} best of the chunks found by meaning once each score is blended with the share of the query's
     * content words the chunk contains, with their passages.
     */
    private List<ChunkView> best(List<ChunkView> byMeaning, String query, int k) {
        Set<String> words = QueryWords.of(query);
        double weight = words.isEmpty() ? 0 : properties.wordWeight();
        return byMeaning.stream().map(chunk -> weight == 0 ? chunk : chunk.withScore((1 - weight) * chunk.score()
                        + weight * shareFound(words, chunk.text()))).sorted(BETTER).limit(k)
                .map(chunk -> chunk.withPassage(Passage.of(chunk.text(), words))).toList();
    }

    private static double shareFound(Set<String> words, String text) {
        String lowerCase = text.toLowerCase(Locale.ROOT);
        if (words.stream().noneMatch(lowerCase::contains)) {
            return 0; // a stem begins its word, so a text without it as a string has none of its words
        }
        Set<String> found = QueryWords.of(text);
        return words.stream().filter(found::contains).count() / (double) words.size();
    }

    /** The chunk as listed: no score, no passage. */
    static ChunkView view(StoredChunk chunk) {
        return found(chunk, null);
    }

    private static ChunkView found(StoredChunk chunk, @Nullable Double score) {
        return new ChunkView(chunk.id(), chunk.documentId(), chunk.seq(), chunk.text(), chunk.start(), chunk.end(),
                score, null);
    }
}
