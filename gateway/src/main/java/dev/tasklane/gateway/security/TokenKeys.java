package dev.tasklane.gateway.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import dev.tasklane.gateway.config.Role;
import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.gateway.config.TasklaneProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import io.micronaut.security.token.jwt.signature.jwks.JwkSetFetcher;
import io.micronaut.security.token.jwt.signature.jwks.JwkValidator;
import io.micronaut.security.token.jwt.signature.jwks.JwksSignature;
import io.micronaut.security.token.jwt.signature.jwks.JwksSignatureConfiguration;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The keys bearer tokens are checked with: the shared HS256 secret (configured, or generated under the data
 * directory in role {@code all}) and an identity provider's JWKS when one is configured. Built at startup, so a
 * process that could not check tokens does not start.
 */
@Context
@ServesApi
public class TokenKeys {

    /** JWKS of an identity provider, refreshed hourly; RSA keys (RS256 and its kin). */
    private record IdentityProviderKeys(String getUrl) implements JwksSignatureConfiguration {

        @Override
        public String getName() {
            return "identity-provider";
        }

        @Override
        public KeyType getKeyType() {
            return KeyType.RSA;
        }

        @Override
        public Integer getCacheExpiration() {
            return 3600;
        }
    }

    private final List<SignatureConfiguration> verifiers = new ArrayList<>();
    private final TokenMinter minter;
    private final boolean secretGenerated;

    public TokenKeys(SecurityProperties security, TasklaneProperties tasklane, JwkValidator jwkValidator,
                     JwkSetFetcher<JWKSet> jwkSets, Clock clock) {
        String secret = security.jwtSecret();
        secretGenerated = !security.hasJwtSecret() && !security.hasJwksUrl() && tasklane.role() == Role.ALL;
        if (secretGenerated) {
            secret = LocalSecrets.readOrCreate(Path.of(tasklane.dataDir()), LocalSecrets.JWT_SECRET_FILE);
        }
        if (secret != null && !secret.isBlank()) {
            try {
                verifiers.add(TokenMinter.hs256(secret));
                minter = new TokenMinter(secret, security.tenantClaim(), security.rolesClaim(), clock);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(e.getMessage());
            }
        } else {
            minter = null;
        }
        if (security.hasJwksUrl()) {
            verifiers.add(new JwksSignature(new IdentityProviderKeys(security.jwksUrl()), jwkValidator, jwkSets));
        }
        if (verifiers.isEmpty()) {
            throw new ConfigurationException("role " + tasklane.role().name().toLowerCase(java.util.Locale.ROOT)
                    + " needs a way to check tokens: set TASKLANE_SECURITY_JWT_SECRET (shared HS256 secret, the same on"
                    + " every gateway) or TASKLANE_SECURITY_JWKS_URL (your identity provider's keys)");
        }
    }

    /** The key that checks tokens signed with {@code algorithm}, if any does. */
    public Optional<SignatureConfiguration> verifierFor(JWSAlgorithm algorithm) {
        return verifiers.stream().filter(v -> v.supports(algorithm)).findFirst();
    }

    /** The algorithms accepted, for messages. */
    public String acceptedAlgorithms() {
        return verifiers.stream().map(SignatureConfiguration::supportedAlgorithmsMessage)
                .collect(Collectors.joining("; "));
    }

    /** Signs tokens with the shared secret; empty when only an identity provider's keys are configured. */
    public Optional<TokenMinter> minter() {
        return Optional.ofNullable(minter);
    }

    /** Whether the shared secret was generated here (a single-machine install), which earns a dev token. */
    public boolean secretGenerated() {
        return secretGenerated;
    }
}
