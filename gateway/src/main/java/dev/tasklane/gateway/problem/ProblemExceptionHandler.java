package dev.tasklane.gateway.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Renders a {@link ProblemException} as {@code application/problem+json}. */
@Singleton
@Produces(Problem.MEDIA_TYPE)
public class ProblemExceptionHandler implements ExceptionHandler<ProblemException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ProblemException exception) {
        MutableHttpResponse<Problem> response = HttpResponse.<Problem>status(exception.type().status())
                .contentType(MediaType.of(Problem.MEDIA_TYPE))
                .body(exception.toProblem());
        exception.headers().forEach(response::header);
        return response;
    }
}
