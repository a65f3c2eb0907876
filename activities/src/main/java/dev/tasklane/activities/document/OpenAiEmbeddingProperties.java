package dev.tasklane.activities.document;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * An OpenAI-compatible embeddings API ({@code tasklane.documents.embedding.*}), used when {@code provider} is
 * {@code openai}.
 *
 * @param url        the API's base URL; {@code /embeddings} is appended
 * @param model      the embedding model's name
 * @param apiKey     sent as a bearer token, when set
 * @param dimensions the length of the vectors the model returns
 * @param timeout    how long one request may take
 */
@ConfigurationProperties("tasklane.documents.embedding")
public record OpenAiEmbeddingProperties(@Nullable String url, @Nullable String model, @Nullable String apiKey,
                                        @Bindable(defaultValue = "1536") int dimensions,
                                        @Bindable(defaultValue = "60s") Duration timeout) {
}
