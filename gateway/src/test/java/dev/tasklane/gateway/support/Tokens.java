package dev.tasklane.gateway.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.tasklane.gateway.security.TokenMinter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Bearer tokens for tests, good and bad, signed with the secret the test configuration gives the gateway. */
public final class Tokens {

    /** Must match {@code tasklane.security.jwt-secret} in application-test.yml. */
    public static final String SECRET = "tasklane-test-jwt-secret-0123456789abcdef";
    public static final String TENANT = "default";

    private static final TokenMinter MINTER = new TokenMinter(SECRET, "tenant", "roles", Clock.systemUTC());

    private Tokens() {
    }

    /** The default test identity: an ADMIN of the default tenant. */
    public static String admin() {
        return of("tester", TENANT, "ADMIN");
    }

    public static String of(String subject, String tenant, String... roles) {
        return MINTER.mint(subject, tenant, List.of(roles), Duration.ofHours(1));
    }

    /** A token signed with {@code secret}, with exactly the claims given. */
    public static String signed(String secret, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Claims of a valid USER token, to be changed by the test. */
    public static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().subject("tester").claim("tenant", TENANT).claim("roles", List.of("USER"))
                .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))));
    }

    public static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }
}
