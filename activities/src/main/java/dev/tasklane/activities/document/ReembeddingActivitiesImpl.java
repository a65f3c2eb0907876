package dev.tasklane.activities.document;

import dev.tasklane.workflows.document.ReembeddedBatch;
import dev.tasklane.workflows.document.ReembeddingActivities;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Re-embeds a batch of chunks of another model with this worker's provider, in the store, a batch per call. */
@Singleton
public class ReembeddingActivitiesImpl implements ReembeddingActivities {

    private final DocumentStore documents;
    private final EmbeddingProvider embeddings;

    public ReembeddingActivitiesImpl(DocumentStore documents, EmbeddingProvider embeddings) {
        this.documents = documents;
        this.embeddings = embeddings;
    }

    @Override
    public ReembeddedBatch reembed(String model, String afterChunk, int batch) {
        if (!embeddings.model().equals(model)) {
            throw ApplicationFailure.newNonRetryableFailure("this worker embeds with " + embeddings.model()
                    + ", not " + model + ": every process must name the same embedding provider", OTHER_MODEL);
        }
        List<StoredChunk> stale = documents.ofOtherModels(model, afterChunk, batch);
        if (stale.isEmpty()) {
            return new ReembeddedBatch(0, null);
        }
        documents.saveEmbeddings(stale, embeddings.embed(stale.stream().map(StoredChunk::text).toList()), model);
        Set<String> touched = new LinkedHashSet<>();
        stale.forEach(chunk -> touched.add(chunk.documentId()));
        for (String documentId : touched) {
            if (documents.linkedWithVectorsOf(documentId, model)) {
                documents.saveCentroid(documentId, StoredChunk.centroid(documents.publishedChunks(documentId)), model);
            }
        }
        String last = stale.get(stale.size() - 1).id();
        Activity.getExecutionContext().heartbeat(last);
        return new ReembeddedBatch(stale.size(), stale.size() < batch ? null : last);
    }
}
