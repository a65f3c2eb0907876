package dev.tasklane.gateway.security;

import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.gateway.openapi.CommonProblems;
import dev.tasklane.gateway.queue.IntakeControl;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.Set;

/** {@code GET /api/me}: who the token says the caller is, so a client such as the dashboard shows what they may do. */
@Tag(name = "identity")
@CommonProblems
@Controller("/api/me")
@Secured(Roles.USER)
@ServesApi
public class CallerController {

    /**
     * The caller.
     *
     * @param operator whether they run the platform: an ADMIN of the operator tenant, who may pause intake
     */
    @Serdeable
    public record Me(String subject, String tenant, Set<String> roles, boolean operator) {
    }

    private final IntakeControl intake;

    public CallerController(IntakeControl intake) {
        this.intake = intake;
    }

    @Operation(operationId = "getMe", summary = "Who the token names.")
    @Get
    public Me me(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        return new Me(caller.subject(), caller.tenant(), caller.roles(), intake.isOperator(caller));
    }
}
