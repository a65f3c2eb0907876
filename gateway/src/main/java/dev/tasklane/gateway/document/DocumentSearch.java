package dev.tasklane.gateway.document;

import dev.tasklane.activities.document.DocumentRow;
import dev.tasklane.activities.document.DocumentStore;
import dev.tasklane.activities.document.EmbeddingProvider;
import dev.tasklane.activities.document.StoredChunk;
import dev.tasklane.gateway.security.Caller;
import jakarta.inject.Singleton;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/** Finds the published chunks most similar to a query, with the same embedding provider the pipeline used. */
@Singleton
public class DocumentSearch {

    private final DocumentStore documents;
    private final EmbeddingProvider embeddings;

    public DocumentSearch(DocumentStore documents, EmbeddingProvider embeddings) {
        this.documents = documents;
        this.embeddings = embeddings;
    }

    /** The {@code k} best chunks of the documents the caller may see, best first. */
    public List<ChunkView> search(String query, int k, Caller caller) {
        float[] target = embeddings.embed(List.of(query)).get(0);
        PriorityQueue<ChunkView> best = new PriorityQueue<>(Comparator.comparingDouble(ChunkView::score));
        Map<String, Boolean> visible = new HashMap<>();
        documents.forEachPublished(caller.tenant(), chunk -> {
            if (!visible.computeIfAbsent(chunk.documentId(), id -> mayRead(id, caller))) {
                return;
            }
            best.add(view(chunk, EmbeddingProvider.similarity(target, chunk.embedding())));
            if (best.size() > k) {
                best.poll();
            }
        });
        return best.stream().sorted(Comparator.comparingDouble(ChunkView::score).reversed()).toList();
    }

    private boolean mayRead(String documentId, Caller caller) {
        return caller.seesWholeTenant() || documents.find(documentId).map(DocumentRow::owner)
                .filter(caller.subject()::equals).isPresent();
    }

    static ChunkView view(StoredChunk chunk, Double score) {
        return new ChunkView(chunk.id(), chunk.documentId(), chunk.seq(), chunk.text(), chunk.start(), chunk.end(),
                score);
    }
}
