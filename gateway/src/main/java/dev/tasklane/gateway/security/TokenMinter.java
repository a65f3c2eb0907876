package dev.tasklane.gateway.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** Signs HS256 tokens with the shared secret: the dev token and the jar's {@code token} command. */
public final class TokenMinter {

    /** The shortest shared secret HS256 accepts: 256 bits. */
    public static final int SHORTEST_SECRET = 32;

    private final SecretSignature signature;
    private final String tenantClaim;
    private final String rolesClaim;
    private final Clock clock;

    public TokenMinter(String secret, String tenantClaim, String rolesClaim, Clock clock) {
        this.signature = hs256(secret);
        this.tenantClaim = tenantClaim;
        this.rolesClaim = rolesClaim;
        this.clock = clock;
    }

    /** The verifier and signer of a shared secret; refuses one too short to be safe. */
    static SecretSignature hs256(String secret) {
        if (secret.length() < SHORTEST_SECRET) {
            throw new IllegalArgumentException("tasklane.security.jwt-secret must be at least " + SHORTEST_SECRET
                    + " characters; generate one with: openssl rand -base64 32");
        }
        SecretSignatureConfiguration config = new SecretSignatureConfiguration("tasklane");
        config.setSecret(secret);
        return new SecretSignature(config);
    }

    /** A signed token for {@code subject} in {@code tenant} with {@code roles}, valid for {@code ttl}. */
    public String mint(String subject, String tenant, Collection<String> roles, Duration ttl) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .claim(tenantClaim, tenant)
                .claim(rolesClaim, List.copyOf(roles))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        try {
            return signature.sign(claims).serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }
}
