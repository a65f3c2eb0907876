package dev.tasklane.gateway.service;

import dev.tasklane.gateway.config.Role;
import dev.tasklane.gateway.config.TasklaneProperties;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.HttpServerConfiguration;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Where the HTTP server listens when {@code micronaut.server.host} does not say: the address in
 * {@code tasklane.http-host} ({@code TASKLANE_HTTP_HOST}) if set, else 127.0.0.1 in role {@code all}, the
 * single-machine install, whose data directory holds an ADMIN dev token; other roles listen on every address.
 */
@Singleton
public class HttpBindAddress implements BeanCreatedEventListener<HttpServerConfiguration> {

    static final String LOOPBACK = "127.0.0.1";

    private final Role role;
    private final String host;

    public HttpBindAddress(TasklaneProperties tasklane, @Value("${tasklane.http-host:}") String host) {
        this.role = tasklane.role();
        this.host = host;
    }

    @Override
    public HttpServerConfiguration onCreated(BeanCreatedEvent<HttpServerConfiguration> event) {
        HttpServerConfiguration server = event.getBean();
        bindHost(server.getHost()).ifPresent(server::setHost);
        return server;
    }

    /** The address to bind, given the one {@code micronaut.server.host} configures; empty for every address. */
    Optional<String> bindHost(Optional<String> configured) {
        if (configured.isPresent()) {
            return configured;
        }
        if (!host.isBlank()) {
            return Optional.of(host);
        }
        return role == Role.ALL ? Optional.of(LOOPBACK) : Optional.empty();
    }
}
