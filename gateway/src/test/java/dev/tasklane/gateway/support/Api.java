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
import java.util.List;
import java.util.Map;

/** A real HTTP client for the API under test, acting with one bearer token, answering every status without throwing. */
public final class Api {

    /** One answer: status, headers and the body parsed as JSON when it is JSON. */
    public record Response(int status, String contentType, String location, String text, JsonNode json,
                           java.net.http.HttpHeaders headers) {

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

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

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;
    private final JsonMapper json;
    private final String token;

    /** A client acting as the default test ADMIN. */
    public Api(EmbeddedServer server, JsonMapper json) {
        this(URI.create("http://127.0.0.1:" + server.getPort()), json, Tokens.admin());
    }

    /** A client of the server at {@code base}, acting as the default test ADMIN. */
    public static Api at(URI base, JsonMapper json) {
        return new Api(base, json, Tokens.admin());
    }

    private Api(URI base, JsonMapper json, String token) {
        this.base = base;
        this.json = json;
        this.token = token;
    }

    /** The same server, acting with {@code otherToken}; null sends no Authorization header. */
    public Api as(String otherToken) {
        return new Api(base, json, otherToken);
    }

    /** Opens an event stream with this client's token. */
    public SseReader stream(String path, String lastEventId) {
        return SseReader.open(uri(path), token, lastEventId);
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

    public Response put(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** One file of a multipart upload. */
    public record FilePart(String filename, String contentType, byte[] content) {
    }

    /** Posts {@code content} as the part {@code file} of a multipart form, with {@code fields} as further parts. */
    public Response upload(String path, String filename, String contentType, byte[] content, Map<String, String> fields) {
        return upload(path, List.of(new FilePart(filename, contentType, content)), fields);
    }

    /** Posts every one of {@code files} as a part named {@code file} of one multipart form, with {@code fields}. */
    public Response upload(String path, List<FilePart> files, Map<String, String> fields) {
        String boundary = "tasklane-test-" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        java.nio.charset.Charset utf8 = java.nio.charset.StandardCharsets.UTF_8;
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(utf8)));
        for (FilePart file : files) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + file.filename() + "\"\r\nContent-Type: " + file.contentType() + "\r\n\r\n").getBytes(utf8));
            body.writeBytes(file.content());
            body.writeBytes("\r\n".getBytes(utf8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(utf8));
        return send(HttpRequest.newBuilder(uri(path)).expectContinue(true).version(java.net.http.HttpClient.Version.HTTP_1_1)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private Response send(HttpRequest.Builder builder) {
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HTTP.send(builder.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse("");
            JsonNode body = type.contains("json") && !response.body().isEmpty()
                    ? json.readValue(response.body(), JsonNode.class) : null;
            return new Response(response.statusCode(), type, response.headers().firstValue("Location").orElse(null),
                    response.body(), body, response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
