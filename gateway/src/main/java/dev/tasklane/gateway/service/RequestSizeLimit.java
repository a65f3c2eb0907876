package dev.tasklane.gateway.service;

import dev.tasklane.gateway.problem.Problem;
import dev.tasklane.gateway.problem.ProblemType;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.format.ReadableBytes;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Holds every request body but a document upload to {@code tasklane.max-request-size} (1 MB): the server's own limit
 * is the upload size, so JSON bodies get their smaller one here, refused by their declared length before any is read.
 * A body sent in chunks declares no length, so only uploads may come that way (411 otherwise).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RequestSizeLimit {

    private final long largestBody;

    public RequestSizeLimit(@Value("${tasklane.max-request-size:1MB}") @ReadableBytes long largestBody) {
        this.largestBody = largestBody;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<Problem> refuseLargeBodies(HttpRequest<?> request) {
        if (isDocumentUpload(request)) {
            return null;
        }
        long length = request.getContentLength();
        if (length < 0 && request.getHeaders().contains(HttpHeaders.TRANSFER_ENCODING)) {
            return problem(ProblemType.LENGTH_REQUIRED, "send the request body with a Content-Length of at most "
                    + largestBody + " bytes, not in chunks");
        }
        if (length <= largestBody) {
            return null;
        }
        return problem(ProblemType.PAYLOAD_TOO_LARGE, "the request body has " + length + " bytes; at most "
                + largestBody + " are accepted here (documents are uploaded as multipart/form-data to /api/documents)");
    }

    static HttpResponse<Problem> problem(ProblemType type, String detail) {
        return HttpResponse.<Problem>status(type.status()).contentType(MediaType.of(Problem.MEDIA_TYPE))
                .body(new Problem(type.uri(), type.title(), type.status().getCode(), detail, null));
    }

    private static boolean isDocumentUpload(HttpRequest<?> request) {
        return request.getMethod() == HttpMethod.POST && request.getPath().startsWith("/api/documents")
                && request.getContentType().filter(MediaType.MULTIPART_FORM_DATA_TYPE::matches).isPresent();
    }
}
