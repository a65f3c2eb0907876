package dev.tasklane.activities.document;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The provider setting picks the model; the default is the in-process sentence model; a wrong name stops the start. */
class EmbeddingProvidersTest {

    @Test
    void theDefaultIsTheSentenceModelWhoseVectorsPutMeaningBeforeWords() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "datasources.default.url", "jdbc:h2:mem:embedding-default;DB_CLOSE_DELAY=-1"), "test")) {
            EmbeddingProvider provider = context.getBean(EmbeddingProvider.class);
            assertInstanceOf(MiniLmEmbeddingProvider.class, provider);
            assertEquals("all-minilm-l6-v2-q", provider.model());

            List<float[]> vectors = provider.embed(List.of("The cat sat on the mat.",
                    "A kitten was resting on the rug.", "The cat index fell on the stock market."));
            vectors.forEach(vector -> assertEquals(384, vector.length));
            List<float[]> unreadable = provider.embed(List.of("\u009d \u200b", "The cat sat on the mat."));
            assertEquals(0.0, EmbeddingProvider.similarity(unreadable.get(0), unreadable.get(0)),
                    "a text of control and format characters only is similar to nothing");
            assertEquals(1.0, EmbeddingProvider.similarity(unreadable.get(1), vectors.get(0)), 1e-4);
            assertEquals(1.0, EmbeddingProvider.similarity(vectors.get(0), vectors.get(0)), 1e-4);
            assertTrue(EmbeddingProvider.similarity(vectors.get(0), vectors.get(1))
                    > EmbeddingProvider.similarity(vectors.get(0), vectors.get(2)),
                    "the kitten on the rug is nearer the cat on the mat than a stock index sharing words with it");
        }
    }

    @Test
    void anUnknownProviderStopsTheStartNamingTheChoices() {
        BeanInstantiationException refused = assertThrows(BeanInstantiationException.class, () -> {
            try (ApplicationContext context = ApplicationContext.run(Map.of(
                    "datasources.default.url", "jdbc:h2:mem:embedding-unknown;DB_CLOSE_DELAY=-1",
                    "tasklane.documents.embedding.provider", "local"), "test")) {
                context.getBean(EmbeddingProvider.class);
            }
        });
        assertTrue(refused.getMessage().contains("must be minilm (the default), hashing (what local was called"
                + " before) or openai"), refused.getMessage());
    }
}
