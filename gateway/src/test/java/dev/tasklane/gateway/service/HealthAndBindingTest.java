package dev.tasklane.gateway.service;

import dev.tasklane.gateway.config.Role;
import dev.tasklane.gateway.config.TasklaneProperties;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Tokens;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** What /health tells whom, and where the single-machine install listens. */
@MicronautTest
class HealthAndBindingTest extends ApiWithReceiverTest {

    @Inject
    HttpServerConfiguration http;

    @Test
    void anonymousCallersLearnOnlyWhetherTheServiceIsUp() {
        Api.Response health = api.as(null).get("/health");

        assertEquals(200, health.status());
        assertEquals("{\"status\":\"UP\"}", health.text());
    }

    @Test
    void usersAndOtherTenantsAdminsLearnOnlyTheStatusToo() {
        assertEquals("{\"status\":\"UP\"}", api.as(Tokens.of("alice", Tokens.TENANT, "USER")).get("/health").text());
        assertEquals("{\"status\":\"UP\"}", api.as(Tokens.of("root", "acme", "ADMIN")).get("/health").text());
    }

    @Test
    void theOperatorSeesTemporalAndTheStore() {
        Api.Response health = api.get("/health");

        assertEquals("UP", health.field("status"));
        assertNotNull(health.json().get("details").get("temporal").get("details").get("target"), health.text());
        assertEquals("UP", health.json().get("details").get("store").get("status").getStringValue());
    }

    @Test
    void roleAllListensOnLoopbackOnly() {
        assertEquals(Optional.of("127.0.0.1"), http.getHost());
        assertEquals("127.0.0.1", server.getHost());
    }

    @Test
    void anAddressInTasklaneHttpHostOrTheServersOwnSettingWins() {
        TasklaneProperties all = new TasklaneProperties(Role.ALL, "./data", "default");
        TasklaneProperties worker = new TasklaneProperties(Role.WORKER, "./data", "default");

        assertEquals(Optional.of("0.0.0.0"), new HttpBindAddress(all, "0.0.0.0").bindHost(Optional.empty()));
        assertEquals(Optional.of("::"), new HttpBindAddress(all, "").bindHost(Optional.of("::")));
        assertEquals(Optional.empty(), new HttpBindAddress(worker, "").bindHost(Optional.empty()));
    }
}
