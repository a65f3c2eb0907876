package dev.tasklane.activities.document;

import dev.tasklane.workflows.document.DocumentPipelineActivities;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.temporal.failure.ApplicationFailure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Embeddings from an OpenAI-compatible HTTP API ({@code POST <url>/embeddings} with the model and the texts),
 * normalised to unit length. Refusals (4xx but 408 and 429) fail the stage for good; rate limits, timeouts and
 * server errors are retried by the stage's retry policy.
 */
public class OpenAiEmbeddingProvider implements EmbeddingProvider {

    /** Error type of a request the embeddings API refused. */
    public static final String EMBEDDING_REFUSED = "EmbeddingRefused";

    private final OpenAiEmbeddingProperties properties;
    private final JsonMapper json;
    private final HttpClient http;
    private final URI endpoint;

    public OpenAiEmbeddingProvider(OpenAiEmbeddingProperties properties, JsonMapper json) {
        if (properties.url() == null || properties.model() == null) {
            throw new ConfigurationException("the openai embedding provider needs tasklane.documents.embedding.url"
                    + " and .model (TASKLANE_DOCUMENTS_EMBEDDING_URL, TASKLANE_DOCUMENTS_EMBEDDING_MODEL)");
        }
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
        this.endpoint = URI.create(properties.url().replaceAll("/+$", "") + "/embeddings");
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(properties.timeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(
                            Map.of("model", properties.model(), "input", texts))));
            if (properties.apiKey() != null && !properties.apiKey().isBlank()) {
                request.header("Authorization", "Bearer " + properties.apiKey());
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            int status = response.statusCode();
            if (status >= 400 && status < 500 && status != 408 && status != 429) {
                throw ApplicationFailure.newNonRetryableFailure("the embeddings API refused the request with "
                        + status + ": " + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8),
                        EMBEDDING_REFUSED);
            }
            if (status != 200) {
                throw new IllegalStateException("the embeddings API answered " + status + "; retrying");
            }
            return vectors(json.readValue(response.body(), JsonNode.class), texts.size());
        } catch (IOException e) {
            throw new UncheckedIOException("the embeddings API could not be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<float[]> vectors(JsonNode answer, int expected) {
        JsonNode data = answer.get("data");
        if (data == null || !data.isArray() || data.size() != expected) {
            throw ApplicationFailure.newNonRetryableFailure("the embeddings API answered " + (data == null ? "no"
                    : data.size()) + " vectors for " + expected + " texts", DocumentPipelineActivities.UNPROCESSABLE);
        }
        float[][] ordered = new float[expected][];
        for (int i = 0; i < expected; i++) {
            JsonNode item = data.get(i);
            int index = item.get("index") == null ? i : item.get("index").getIntValue();
            JsonNode values = item.get("embedding");
            float[] vector = new float[values.size()];
            for (int d = 0; d < vector.length; d++) {
                vector[d] = values.get(d).getFloatValue();
            }
            ordered[index] = EmbeddingProvider.normalise(vector);
        }
        return new ArrayList<>(List.of(ordered));
    }

    @Override
    public int dimensions() {
        return properties.dimensions();
    }

    @Override
    public String model() {
        return "openai:" + properties.model() + ":" + properties.dimensions();
    }
}
