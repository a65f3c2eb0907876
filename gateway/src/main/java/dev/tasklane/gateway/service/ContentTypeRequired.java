package dev.tasklane.gateway.service;

import dev.tasklane.gateway.problem.Problem;
import dev.tasklane.gateway.problem.ProblemType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Refuses a request body that does not say what it is (415): without a {@code Content-Type} the server would guess
 * JSON, and a client that sent something else would get an answer about a body it never meant.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class ContentTypeRequired {

    @RequestFilter
    @Nullable
    public HttpResponse<Problem> refuseUntypedBodies(HttpRequest<?> request) {
        boolean hasBody = request.getContentLength() > 0 || request.getHeaders().contains(HttpHeaders.TRANSFER_ENCODING);
        if (!hasBody || request.getHeaders().contains(HttpHeaders.CONTENT_TYPE)) {
            return null;
        }
        return RequestSizeLimit.problem(ProblemType.UNSUPPORTED_MEDIA_TYPE, "the request has a body but no"
                + " Content-Type; send Content-Type: application/json (or multipart/form-data for document uploads)");
    }
}
