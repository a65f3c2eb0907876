package dev.tasklane.gateway.security;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Reads the bearer token of a WebSocket handshake or of an SSE subscription from {@code ?access_token=}, since a
 * browser can set headers on neither. Only {@code /ws/} paths and GETs of {@code /api/tasks/.../events} streams are
 * read this way; everywhere else the token must come as a header.
 */
@Singleton
public class QueryTokenReader implements TokenReader<HttpRequest<?>> {

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        String path = request.getPath();
        boolean eventStream = request.getMethod() == HttpMethod.GET && path.startsWith("/api/tasks/")
                && path.endsWith("/events");
        if (!path.startsWith("/ws/") && !eventStream) {
            return Optional.empty();
        }
        return Optional.ofNullable(request.getParameters().get("access_token")).filter(token -> !token.isBlank());
    }
}
