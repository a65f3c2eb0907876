package dev.tasklane.gateway.service;

import dev.tasklane.gateway.problem.Problem;
import dev.tasklane.gateway.problem.ProblemType;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.format.ReadableBytes;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Holds every request body but a document upload to {@code tasklane.max-request-size} (1 MB): the server's own limit
 * is the upload size, so JSON bodies get their smaller one here, refused by their declared length before any is read.
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
        long length = request.getContentLength();
        if (length <= largestBody || isDocumentUpload(request)) {
            return null;
        }
        ProblemType type = ProblemType.PAYLOAD_TOO_LARGE;
        return HttpResponse.<Problem>status(type.status()).contentType(MediaType.of(Problem.MEDIA_TYPE))
                .body(new Problem(type.uri(), type.title(), type.status().getCode(), "the request body has " + length
                        + " bytes; at most " + largestBody + " are accepted here (documents are uploaded as"
                        + " multipart/form-data to /api/documents)", null));
    }

    private static boolean isDocumentUpload(HttpRequest<?> request) {
        return request.getMethod() == HttpMethod.POST && request.getPath().startsWith("/api/documents")
                && request.getContentType().filter(MediaType.MULTIPART_FORM_DATA_TYPE::matches).isPresent();
    }
}
