package dev.tasklane.gateway.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * How bearer tokens are checked ({@code tasklane.security.*}).
 *
 * @param jwtSecret   shared HS256 secret (at least 32 characters); in role {@code all} one is generated when unset
 * @param jwksUrl     JWKS URL of an external identity provider, for RS256 tokens
 * @param issuer      when set, tokens must carry this {@code iss}
 * @param audience    when set, tokens must name this {@code aud}
 * @param tenantClaim the claim that names the caller's tenant
 * @param rolesClaim  the claim that lists the caller's roles (an array, or a space- or comma-separated string)
 */
@ConfigurationProperties("tasklane.security")
public record SecurityProperties(@Nullable String jwtSecret, @Nullable String jwksUrl, @Nullable String issuer,
                                 @Nullable String audience, String tenantClaim, String rolesClaim) {

    public boolean hasJwtSecret() {
        return jwtSecret != null && !jwtSecret.isBlank();
    }

    public boolean hasJwksUrl() {
        return jwksUrl != null && !jwksUrl.isBlank();
    }
}
