package dev.tasklane.gateway.support;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A real HTTP client for the API under test, answering every status without throwing. */
public final class Api {

    /** One answer: status, headers and the body parsed as JSON when it is JSON. */
    public record Response(int status, String contentType, String location, String text, JsonNode json) {

        public String field(String name) {
            JsonNode node = json.get(name);
            if (node == null || node.isNull()) {
                return null;
            }
            if (node.isNumber()) {
                return node.getNumberValue().toString();
            }
            return node.isBoolean() ? Boolean.toString(node.getBooleanValue()) : node.getStringValue();
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final JsonMapper json;

    public Api(EmbeddedServer server, JsonMapper json) {
        this.base = URI.create("http://127.0.0.1:" + server.getPort());
        this.json = json;
    }

    public URI uri(String path) {
        return base.resolve(path);
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** Polls the task until it reaches {@code status}; returns its last representation. */
    public Response awaitStatus(String id, String status) {
        return Await.until("task " + id + " to be " + status, Duration.ofSeconds(30), () -> get("/api/tasks/" + id),
                r -> status.equals(r.field("status")));
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    public Response post(String path, String body) {
        return post(path, body, Map.of());
    }

    public Response post(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        return send(builder);
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = http.send(builder.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse("");
            JsonNode body = type.contains("json") && !response.body().isEmpty()
                    ? json.readValue(response.body(), JsonNode.class) : null;
            return new Response(response.statusCode(), type, response.headers().firstValue("Location").orElse(null),
                    response.body(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
