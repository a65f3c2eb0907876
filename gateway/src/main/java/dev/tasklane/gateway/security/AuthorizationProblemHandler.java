package dev.tasklane.gateway.security;

import dev.tasklane.gateway.problem.Problem;
import dev.tasklane.gateway.problem.ProblemException;
import dev.tasklane.gateway.problem.ProblemExceptionHandler;
import dev.tasklane.gateway.problem.ProblemType;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.micronaut.web.router.RouteAttributes;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Answers a refused request with a problem that says why: 401 naming what is wrong with the token (or that
 * there is none), 403 naming the role the endpoint needs.
 */
@Singleton
@Produces(Problem.MEDIA_TYPE)
@Replaces(DefaultAuthorizationExceptionHandler.class)
public class AuthorizationProblemHandler implements ExceptionHandler<AuthorizationException, HttpResponse<?>> {

    private final ProblemExceptionHandler problems;

    public AuthorizationProblemHandler(ProblemExceptionHandler problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        return problems.handle(request, exception.isForbidden() ? forbidden(request, exception) : unauthorized(request));
    }

    private static ProblemException unauthorized(HttpRequest<?> request) {
        String rejection = request.getAttribute(BearerTokenValidator.REJECTION, String.class).orElse(null);
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        String detail;
        if (rejection != null) {
            detail = rejection;
        } else if (authorization != null) {
            detail = "the Authorization header must be 'Bearer <token>'";
        } else {
            detail = "no bearer token; send 'Authorization: Bearer <token>'";
        }
        return new ProblemException(ProblemType.UNAUTHORIZED, detail).withHeader(HttpHeaders.WWW_AUTHENTICATE,
                rejection == null ? "Bearer realm=\"tasklane\"" : "Bearer realm=\"tasklane\", error=\"invalid_token\"");
    }

    private static ProblemException forbidden(HttpRequest<?> request, AuthorizationException exception) {
        List<String> needed = RouteAttributes.getRouteMatch(request)
                .flatMap(route -> route.getAnnotationMetadata().getValue(Secured.class, String[].class))
                .map(List::of)
                .orElse(List.of());
        String granted = exception.getAuthentication() == null || exception.getAuthentication().getRoles().isEmpty()
                ? "no role" : String.join(", ", exception.getAuthentication().getRoles());
        String detail = needed.isEmpty()
                ? "this request is not allowed for your roles (" + granted + ")"
                : "this needs role " + needed.stream().collect(Collectors.joining(" or ")) + "; your token grants "
                        + granted;
        return new ProblemException(ProblemType.FORBIDDEN, detail);
    }
}
