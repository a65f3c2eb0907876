package dev.tasklane.gateway.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Reads the bearer token of a WebSocket handshake from {@code ?access_token=}, since a browser cannot set headers on
 * one. Only {@code /ws/} paths are read this way; everywhere else the token must come as a header.
 */
@Singleton
public class QueryTokenReader implements TokenReader<HttpRequest<?>> {

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        if (!request.getPath().startsWith("/ws/")) {
            return Optional.empty();
        }
        return Optional.ofNullable(request.getParameters().get("access_token")).filter(token -> !token.isBlank());
    }
}
