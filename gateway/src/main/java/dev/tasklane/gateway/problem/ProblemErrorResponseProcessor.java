package dev.tasklane.gateway.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Makes the framework's own errors (malformed JSON, unknown route, body too large, …) problem documents too, and an
 * error a dependency's outage caused a 503 that names it.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorResponseProcessor.class);

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> base) {
        Optional<Outage> outage = base.status().getCode() >= 500
                ? context.getRootCause().flatMap(Outage::of) : Optional.empty();
        if (outage.isPresent()) {
            ProblemType type = outage.get().type();
            LOG.warn("request {} failed: {}", context.getRequest(), outage.get().reason());
            return base.status(type.status()).contentType(MediaType.of(Problem.MEDIA_TYPE))
                    .body(new Problem(type.uri(), type.title(), type.status().getCode(), outage.get().reason(), null));
        }
        HttpStatus status = base.status();
        ProblemType type = ProblemType.ofStatus(status);
        String detail;
        if (status.getCode() >= 500) {
            context.getRootCause().ifPresent(cause -> LOG.error("request {} failed", context.getRequest(), cause));
            detail = "the server failed to handle the request; it has been logged";
        } else if (context.hasErrors()) {
            detail = context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
        } else {
            detail = context.getRootCause().map(Throwable::getMessage).orElse(status.getReason());
        }
        return base.contentType(MediaType.of(Problem.MEDIA_TYPE))
                .body(new Problem(type.uri(), type.title(), status.getCode(), detail, null));
    }
}
