package dev.tasklane.gateway.security;

import dev.tasklane.gateway.openapi.CommonProblems;
import dev.tasklane.gateway.openapi.NotFoundProblem;
import dev.tasklane.gateway.problem.ProblemException;
import dev.tasklane.gateway.problem.ProblemType;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.Set;

/**
 * {@code GET /api/dev-token}: lets the dashboard sign in by itself on a single-machine install, for a browser on the
 * same machine only: the caller's address must be loopback and the Host it asked for a loopback name, so a page of
 * another site that rebinds its name to 127.0.0.1 gets nothing.
 */
@Tag(name = "identity")
@CommonProblems
@Controller("/api/dev-token")
@Secured(SecurityRule.IS_ANONYMOUS)
@Requires(property = "tasklane.role", value = "all")
public class DevTokenController {

    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    /** The dev token. */
    @Serdeable
    public record DevTokenView(String token, String subject, String tenant) {
    }

    private final DevToken devToken;

    public DevTokenController(DevToken devToken) {
        this.devToken = devToken;
    }

    @Operation(
            operationId = "getDevToken",
            summary = "The development token, to a browser on this machine in role all.")
    @NotFoundProblem
    @Get
    public DevTokenView token(HttpRequest<?> request) {
        if (!request.getRemoteAddress().getAddress().isLoopbackAddress() || !LOOPBACK_HOSTS.contains(host(request))) {
            throw notHere();
        }
        return devToken.token().map(token -> new DevTokenView(token, DevToken.SUBJECT, DevToken.TENANT))
                .orElseThrow(DevTokenController::notHere);
    }

    private static String host(HttpRequest<?> request) {
        String host = request.getHeaders().get(HttpHeaders.HOST, String.class).orElse("");
        int port = host.lastIndexOf(':');
        return port > host.lastIndexOf(']') ? host.substring(0, port) : host;
    }

    private static ProblemException notHere() {
        return new ProblemException(ProblemType.NOT_FOUND, "no dev token here: it is given only on a single-machine"
                + " install with a generated secret, to a browser on the same machine; sign in with a token");
    }
}
