package dev.tasklane.gateway.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.tasklane.gateway.config.ServesApi;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenValidator;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks bearer tokens: signature by the configured keys, expiry, issuer and audience when configured, a subject
 * and a tenant. A rejected token leaves its reason on the request for the 401 problem to name. It replaces the
 * framework's validator, which would accept unsigned tokens when no key of its own is configured.
 */
@Singleton
@Replaces(ReactiveJsonWebTokenValidator.class)
@ServesApi
public class BearerTokenValidator implements TokenValidator<HttpRequest<?>> {

    /** The request attribute that holds why the token was refused. */
    public static final String REJECTION = "tasklane.token.rejection";
    /** How far clocks of the token's issuer and this server may disagree. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    /** A token refused, with the reason the caller is told. */
    private static final class Rejected extends Exception {
        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    private final TokenKeys keys;
    private final SecurityProperties security;
    private final Clock clock;

    public BearerTokenValidator(TokenKeys keys, SecurityProperties security, Clock clock) {
        this.keys = keys;
        this.security = security;
        this.clock = clock;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        Mono<Authentication> checked = Mono.fromCallable(() -> authenticate(token))
                .onErrorResume(Rejected.class, rejected -> {
                    request.setAttribute(REJECTION, rejected.getMessage());
                    return Mono.empty();
                });
        // Checking against an identity provider's keys may fetch them: not on the event loop.
        return security.hasJwksUrl() ? checked.subscribeOn(Schedulers.boundedElastic()) : checked;
    }

    private Authentication authenticate(String token) throws Rejected {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new Rejected("the bearer token is not a JWT (" + e.getMessage() + ")");
        }
        if (jwt instanceof PlainJWT) {
            throw new Rejected("unsigned tokens (alg: none) are not accepted");
        }
        if (jwt instanceof EncryptedJWT) {
            throw new Rejected("encrypted tokens are not accepted; send a signed JWT");
        }
        SignedJWT signed = (SignedJWT) jwt;
        verifySignature(signed);
        JWTClaimsSet claims;
        try {
            claims = signed.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new Rejected("the token's claims are not a JSON object (" + e.getMessage() + ")");
        }
        checkTimes(claims);
        checkIssuerAndAudience(claims);
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new Rejected("the token has no subject ('sub')");
        }
        Object tenant = claims.getClaim(security.tenantClaim());
        if (!(tenant instanceof String name) || name.isBlank()) {
            throw new Rejected("the token has no '" + security.tenantClaim() + "' claim naming the caller's tenant");
        }
        return Authentication.build(subject, Roles.widen(roles(claims.getClaim(security.rolesClaim()))),
                Map.of(Caller.TENANT_ATTRIBUTE, name));
    }

    private void verifySignature(SignedJWT signed) throws Rejected {
        JWSAlgorithm algorithm = signed.getHeader().getAlgorithm();
        SignatureConfiguration verifier = keys.verifierFor(algorithm).orElseThrow(() -> new Rejected(
                "tokens signed with " + algorithm + " are not accepted (" + keys.acceptedAlgorithms() + ")"));
        boolean valid;
        try {
            valid = verifier.verify(signed);
        } catch (JOSEException e) {
            valid = false;
        }
        if (!valid) {
            throw new Rejected("the token's signature does not verify with the configured keys");
        }
    }

    private void checkTimes(JWTClaimsSet claims) throws Rejected {
        Instant now = clock.instant();
        Date expires = claims.getExpirationTime();
        if (expires == null) {
            throw new Rejected("the token has no expiry ('exp'); only tokens that expire are accepted");
        }
        if (expires.toInstant().plus(CLOCK_SKEW).isBefore(now)) {
            throw new Rejected("the token expired at " + expires.toInstant() + "; get a new one");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && notBefore.toInstant().minus(CLOCK_SKEW).isAfter(now)) {
            throw new Rejected("the token is not valid before " + notBefore.toInstant());
        }
    }

    private void checkIssuerAndAudience(JWTClaimsSet claims) throws Rejected {
        if (security.issuer() != null && !security.issuer().isBlank() && !security.issuer().equals(claims.getIssuer())) {
            throw new Rejected("the token's issuer is '" + claims.getIssuer() + "', not '" + security.issuer() + "'");
        }
        if (security.audience() != null && !security.audience().isBlank()
                && (claims.getAudience() == null || !claims.getAudience().contains(security.audience()))) {
            throw new Rejected("the token is not meant for audience '" + security.audience() + "'");
        }
    }

    private static Collection<String> roles(Object claim) {
        if (claim instanceof String text) {
            return Arrays.asList(text.split("[\\s,]+"));
        }
        if (claim instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return Set.of();
    }
}
