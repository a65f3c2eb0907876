package dev.tasklane.gateway.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;

/** {@code GET /api/me}: who the token says the caller is, so a client such as the dashboard shows what they may do. */
@Controller("/api/me")
@Secured(Roles.USER)
@Requires(property = "tasklane.role", notEquals = "worker")
public class CallerController {

    @Get
    public Caller me(Authentication authentication) {
        return Caller.of(authentication);
    }
}
