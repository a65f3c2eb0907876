package dev.tasklane.gateway.document;

import dev.tasklane.activities.document.DocumentStore;
import dev.tasklane.activities.document.HashingEmbeddingProvider;
import dev.tasklane.activities.document.StoredChunk;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Await;
import dev.tasklane.gateway.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After the embedding model changed, search leaves the chunks of the old model out and says how many; a worker start
 * embeds them again in the background with the new model, and then search finds them.
 */
@MicronautTest(transactional = false)
class ReembeddingTest extends ApiWithReceiverTest {

    @Inject
    Reembedding reembedding;
    @Inject
    DocumentStore store;

    @Test
    void vectorsOfTheOldModelAreLeftOutOfSearchUntilEmbeddedAgain() {
        Api owner = api.as(Tokens.of("reembedding-owner", "reembedding", "USER"));
        Api.Response stored = owner.post("/api/documents", """
                {"text":"Volcanoes form where molten rock rises through the crust. Magma collects in a chamber\
                 beneath the mountain; when gas pressure builds, it erupts as lava flows and ash clouds. Shield\
                 volcanoes produce runny basalt and gentle slopes, while stratovolcanoes explode violently.\
                 Seismometers detect tremors, and satellites measure ground swelling before an eruption, giving\
                 authorities time to evacuate nearby towns.","chunkSize":200,"chunkOverlap":0}""");
        assertEquals(202, stored.status(), stored.text());
        owner.awaitStatus(stored.json().get("task").get("id").getStringValue(), "COMPLETED");
        String documentId = stored.field("id");
        assertEquals(documentId, firstDocumentFound(owner, "a mountain spewing fire"));

        int chunks = asTheOldModelMadeThem(documentId);
        assertTrue(chunks >= 2, "chunks: " + chunks);
        Api.Response during = owner.get("/api/documents/search?q=a%20mountain%20spewing%20fire");
        assertEquals(0, during.json().get("items").size(), "no vector of another model is compared: " + during.text());
        assertEquals(String.valueOf(chunks), during.field("otherModelChunks"));

        assertTrue(reembedding.startIfNeeded());
        Await.until("the chunks embedded again", Duration.ofSeconds(30),
                () -> owner.get("/api/documents/search?q=a%20mountain%20spewing%20fire"),
                answer -> answer.field("otherModelChunks").equals("0") && answer.json().get("items").size() > 0);
        assertEquals(documentId, firstDocumentFound(owner, "a mountain spewing fire"));
        assertTrue(store.centroids("reembedding", "reembedding-owner", "", "all-minilm-l6-v2-q")
                .containsKey(documentId), "the centroid is the new model's again");
        assertFalse(reembedding.startIfNeeded(), "nothing is left to embed again");
    }

    /** Stores the word-hashing vectors of the document's chunks and centroid, as that model made them; how many. */
    private int asTheOldModelMadeThem(String documentId) {
        HashingEmbeddingProvider old = new HashingEmbeddingProvider();
        List<StoredChunk> chunks = store.publishedChunks(documentId);
        store.saveEmbeddings(chunks, old.embed(chunks.stream().map(StoredChunk::text).toList()), old.model());
        store.saveCentroid(documentId, StoredChunk.centroid(store.publishedChunks(documentId)), old.model());
        return chunks.size();
    }

    private static String firstDocumentFound(Api as, String query) {
        Api.Response answer = as.get("/api/documents/search?k=1&q=" + query.replace(" ", "%20"));
        assertEquals(200, answer.status(), answer.text());
        return answer.json().get("items").get(0).get("documentId").getStringValue();
    }
}
