package dev.tasklane.gateway.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.Tokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tokens of an external identity provider, checked against its JWKS served from 127.0.0.1. */
class IdentityProviderTest {

    private static HttpServer identityProvider;
    private static RSAKey signingKey;
    private static EmbeddedServer server;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        signingKey = new RSAKeyGenerator(2048).keyID("idp-key-1").algorithm(JWSAlgorithm.RS256).generate();
        byte[] jwks = new JWKSet(signingKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        identityProvider = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        identityProvider.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        identityProvider.start();
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "tasklane.security.jwks-url", "http://127.0.0.1:" + identityProvider.getAddress().getPort()
                        + "/.well-known/jwks.json",
                "tasklane.security.issuer", "https://idp.test/"), "test");
        api = new Api(server, server.getApplicationContext().getBean(JsonMapper.class));
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        identityProvider.stop(0);
    }

    private static String rs256(RSAKey key, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void aTokenSignedByTheIdentityProviderIsAccepted() throws Exception {
        String token = rs256(signingKey, Tokens.claims().issuer("https://idp.test/").build());

        assertEquals(200, api.as(token).get("/api/tasks").status());
    }

    @Test
    void aTokenSignedByAnotherKeyUnderTheSameKeyIdIsRefused() throws Exception {
        RSAKey impostor = new RSAKeyGenerator(2048).keyID("idp-key-1").generate();

        Api.Response response = api.as(rs256(impostor, Tokens.claims().issuer("https://idp.test/").build()))
                .get("/api/tasks");

        assertEquals(401, response.status());
        assertTrue(response.field("detail").contains("signature does not verify"), response.field("detail"));
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() throws Exception {
        Api.Response response = api.as(rs256(signingKey, Tokens.claims().issuer("https://elsewhere.test/").build()))
                .get("/api/tasks");

        assertEquals(401, response.status());
        assertTrue(response.field("detail").contains("issuer"), response.field("detail"));
    }
}
