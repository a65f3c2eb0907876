package dev.tasklane.activities.document;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

/** Makes the one embedding provider {@code tasklane.documents.embedding.provider} names, or stops the start. */
@Factory
public class EmbeddingProviders {

    @Singleton
    @Bean(preDestroy = "close")
    EmbeddingProvider embeddingProvider(@Value("${tasklane.documents.embedding.provider:minilm}") String provider,
                                        @Value("${tasklane.documents.embedding.threads:0}") int threads,
                                        BeanProvider<OpenAiEmbeddingProperties> openAi, JsonMapper json) {
        return switch (provider) {
            case "minilm" -> new MiniLmEmbeddingProvider(threads > 0 ? threads
                    : Runtime.getRuntime().availableProcessors());
            case "hashing" -> new HashingEmbeddingProvider();
            case "openai" -> new OpenAiEmbeddingProvider(openAi.get(), json);
            default -> throw new ConfigurationException("tasklane.documents.embedding.provider"
                    + " (TASKLANE_DOCUMENTS_EMBEDDING_PROVIDER) is " + provider + "; it must be minilm (the default),"
                    + " hashing" + (provider.equals("local") ? " (what local was called before)" : "")
                    + " or openai");
        };
    }
}
