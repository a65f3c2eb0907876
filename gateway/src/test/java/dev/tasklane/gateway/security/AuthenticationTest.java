package dev.tasklane.gateway.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.Tokens;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which tokens open the API, and what a refused caller is told. */
@MicronautTest
class AuthenticationTest {

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    private Api api;

    @BeforeEach
    void setUp() {
        api = new Api(server, json);
    }

    private static void assertUnauthorized(Api.Response response, String reason) {
        assertEquals(401, response.status(), response.text());
        assertEquals("application/problem+json", response.contentType());
        assertEquals("urn:tasklane:problem:unauthorized", response.field("type"));
        assertTrue(response.field("detail").contains(reason), response.field("detail"));
        assertNotNull(response.header("WWW-Authenticate"));
    }

    @Test
    void withoutATokenTheApiIsClosedAndSaysHowToSendOne() {
        assertUnauthorized(api.as(null).get("/api/tasks"), "no bearer token");
        assertUnauthorized(api.as(null).get("/api/task-types"), "no bearer token");
        assertUnauthorized(api.as(null).get("/api/service/status"), "no bearer token");
        assertUnauthorized(api.as(null).post("/api/tasks", "{}"), "no bearer token");
    }

    @Test
    void healthStaysOpen() {
        assertEquals(200, api.as(null).get("/health").status());
    }

    @Test
    void aMalformedTokenIsRefused() {
        assertUnauthorized(api.as("not-a-jwt").get("/api/tasks"), "not a JWT");
    }

    @Test
    void anExpiredTokenIsRefused() {
        String expired = Tokens.signed(Tokens.SECRET, Tokens.claims()
                .expirationTime(Date.from(Instant.now().minus(Duration.ofHours(2)))).build());

        assertUnauthorized(api.as(expired).get("/api/tasks"), "expired");
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() {
        String forged = Tokens.signed("another-secret-that-is-long-enough-0123456789", Tokens.claims().build());

        assertUnauthorized(api.as(forged).get("/api/tasks"), "signature does not verify");
    }

    @Test
    void anUnsignedTokenIsRefused() {
        assertUnauthorized(api.as(Tokens.unsigned(Tokens.claims().claim("roles", "ADMIN").build())).get("/api/tasks"),
                "alg: none");
    }

    @Test
    void aTokenWithoutATenantIsRefused() {
        String noTenant = Tokens.signed(Tokens.SECRET, Tokens.claims().claim("tenant", null).build());

        assertUnauthorized(api.as(noTenant).get("/api/tasks"), "no 'tenant' claim");
    }

    @Test
    void aTokenWithoutExpiryOrSubjectIsRefused() {
        assertUnauthorized(api.as(Tokens.signed(Tokens.SECRET, Tokens.claims().expirationTime(null).build()))
                .get("/api/tasks"), "no expiry");
        assertUnauthorized(api.as(Tokens.signed(Tokens.SECRET, Tokens.claims().subject(null).build()))
                .get("/api/tasks"), "no subject");
    }

    @Test
    void anAlgorithmNoKeyIsConfiguredForIsRefused() throws JOSEException {
        RSAKey key = new RSAKeyGenerator(2048).keyID("other").generate();
        SignedJWT rs256 = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), Tokens.claims().build());
        rs256.sign(new RSASSASigner(key));

        assertUnauthorized(api.as(rs256.serialize()).get("/api/tasks"), "RS256 are not accepted");
    }

    @Test
    void anotherSchemeThanBearerIsRefused() {
        Api.Response response = api.as(null).post("/api/tasks", "{}", java.util.Map.of("Authorization", "Basic dXNlcjpw"));

        assertUnauthorized(response, "must be 'Bearer <token>'");
    }

    @Test
    void rolesMayComeAsASpaceSeparatedStringInAnyCase() {
        String token = Tokens.signed(Tokens.SECRET, Tokens.claims().claim("roles", "user manager").build());

        assertEquals(200, api.as(token).get("/api/tasks").status());
    }

    @Test
    void aUserCannotDeleteAndIsToldWhichRoleItTakes() {
        Api.Response response = api.as(Tokens.of("alice", "default", "USER")).delete("/api/tasks/any-task");

        assertEquals(403, response.status());
        assertEquals("application/problem+json", response.contentType());
        assertTrue(response.field("detail").startsWith("this needs role ADMIN; your token grants USER"),
                response.field("detail"));
    }

    @Test
    void aTokenWithNoKnownRoleIsForbiddenNotUnauthorized() {
        Api.Response response = api.as(Tokens.of("eve", "default", "AUDITOR")).get("/api/tasks");

        assertEquals(403, response.status());
        assertTrue(response.field("detail").startsWith("this needs role USER; your token grants no role"),
                response.field("detail"));
    }

    @Test
    void anUnknownRouteIsNotFoundEvenWithoutAToken() {
        assertEquals(404, api.as(null).get("/api/nothing-here").status());
    }

    @Test
    void theDashboardPageAndItsScriptsAreServedWithoutAToken() {
        Api.Response page = api.as(null).get("/");
        assertEquals(200, page.status());
        assertTrue(page.contentType().startsWith("text/html"), page.contentType());
        assertTrue(page.text().contains("<title>Tasklane</title>"));
        Api.Response script = api.as(null).get("/assets/app.js");
        assertEquals(200, script.status());
        assertTrue(script.contentType().contains("javascript"), script.contentType());
        assertEquals(404, api.as(null).get("/assets/missing.js").status());
    }

    @Test
    void meSaysWhoTheTokenNames() {
        Api.Response me = api.as(Tokens.of("alice", "acme", "MANAGER")).get("/api/me");

        assertEquals(200, me.status(), me.text());
        assertEquals("alice", me.field("subject"));
        assertEquals("acme", me.field("tenant"));
        List<String> roles = new ArrayList<>();
        me.json().get("roles").values().forEach(role -> roles.add(role.getStringValue()));
        assertEquals(List.of("MANAGER", "USER"), roles.stream().sorted().toList());
        assertEquals(false, me.json().get("operator").getBooleanValue());
        assertEquals(true, api.get("/api/me").json().get("operator").getBooleanValue(), "an ADMIN of the default tenant");
        assertEquals(false, api.as(Tokens.of("ada", "acme", "ADMIN")).get("/api/me").json().get("operator")
                .getBooleanValue(), "an ADMIN of another tenant");
        assertUnauthorized(api.as(null).get("/api/me"), "no bearer token");
    }

    @Test
    void aTokenInTheAddressOpensEventStreamsAndNothingElse() throws Exception {
        String token = URLEncoder.encode(Tokens.admin(), StandardCharsets.UTF_8);
        assertUnauthorized(api.as(null).get("/api/tasks?access_token=" + token), "no bearer token");
        assertUnauthorized(api.as(null).get("/api/task-types?access_token=" + token), "no bearer token");

        HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                api.uri("/api/tasks/events?access_token=" + token)).GET().build(), BodyHandlers.ofInputStream());
        try (InputStream body = stream.body()) {
            assertEquals(200, stream.statusCode());
            assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        }
    }

    @Test
    void noDevTokenIsHandedOutWhenTheSecretIsConfigured() {
        Api.Response refused = api.as(null).get("/api/dev-token");

        assertEquals(404, refused.status());
        assertEquals("application/problem+json", refused.contentType());
        assertTrue(refused.field("detail").contains("sign in with a token"), refused.text());
    }
}
