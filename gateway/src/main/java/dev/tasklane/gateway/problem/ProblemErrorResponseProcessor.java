package dev.tasklane.gateway.problem;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Makes the framework's own errors (malformed JSON, unknown route, body too large, request line or headers too long,
 * …) problem documents too, and an error a dependency's outage caused a 503 that names it.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorResponseProcessor.class);
    /** How the parser, set to detect duplicates strictly, names a repeated key. */
    private static final Pattern DUPLICATE_FIELD = Pattern.compile("^Duplicate field '(.*)'");

    /** How the multipart decoder says a request has more parts than {@code form-max-fields}. */
    private static final String TOO_MANY_PARTS = "Number of form fields exceeds";

    private final int maxInitialLineLength;
    private final int maxHeaderSize;
    private final int maxParts;

    public ProblemErrorResponseProcessor(NettyHttpServerConfiguration server) {
        this.maxInitialLineLength = server.getMaxInitialLineLength();
        this.maxHeaderSize = server.getMaxHeaderSize();
        this.maxParts = server.getFormMaxFields();
    }

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
        Optional<ProblemException> recognised = tooLongToDecode(context.getRequest())
                .or(() -> context.getRootCause().flatMap(this::recognised));
        if (recognised.isPresent()) {
            ProblemException problem = recognised.get();
            return base.status(problem.type().status()).contentType(MediaType.of(Problem.MEDIA_TYPE))
                    .body(problem.toProblem());
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

    /**
     * A clearer problem for a client fault the framework words in its own terms, or fails on itself: a key a JSON body
     * repeats (the parser refuses it rather than let the last one win), more multipart parts than the server reads,
     * or multipart part headers the decoder cannot read.
     */
    private Optional<ProblemException> recognised(Throwable error) {
        for (Throwable cause : causesOf(error)) {
            String message = cause.getMessage() == null ? "" : cause.getMessage();
            Matcher duplicate = DUPLICATE_FIELD.matcher(message);
            if (cause instanceof StreamReadException parsing && duplicate.find()) {
                String key = duplicate.group(1);
                return Optional.of(ProblemException.invalid(pathOf(parsing, key), "is a duplicate key '" + key
                        + "' in the JSON body; send each key of an object once"));
            }
            if (cause instanceof ContentLengthExceededException && message.startsWith(TOO_MANY_PARTS)) {
                return Optional.of(new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "the multipart request has"
                        + " more than the " + maxParts + " parts the server reads; send at most " + maxParts
                        + " parts (files and fields) in one request"));
            }
            if (cause instanceof HttpPostRequestDecoder.ErrorDataDecoderException) {
                return Optional.of(new ProblemException(ProblemType.INVALID_REQUEST, "a part of the multipart body"
                        + " has headers that cannot be read, such as a Content-Type parameter without a value"
                        + " ('text/plain; charset'); send each part with a Content-Disposition and a well-formed"
                        + " Content-Type such as text/plain; charset=utf-8"));
            }
        }
        return Optional.empty();
    }

    /**
     * The error, its causes, and the errors they suppressed: the multipart reader, failing as it cleans up after a
     * client fault, hides that fault as a suppressed error of its own.
     */
    private static List<Throwable> causesOf(Throwable error) {
        List<Throwable> found = new ArrayList<>();
        for (Throwable cause = error; cause != null && !found.contains(cause); cause = cause.getCause()) {
            found.add(cause);
            found.addAll(Arrays.asList(cause.getSuppressed()));
        }
        return found;
    }

    /** Where in the body {@code key} is, such as {@code payload.url} or {@code documents[0].text}. */
    private static String pathOf(StreamReadException parsing, String key) {
        String path = key;
        JsonStreamContext inner = parsing.getProcessor() == null ? null : parsing.getProcessor().getParsingContext();
        for (; inner != null && inner.getParent() != null; inner = inner.getParent()) {
            JsonStreamContext outer = inner.getParent();
            String rest = path.startsWith("[") ? path : "." + path;
            path = outer.inArray() ? "[" + outer.getCurrentIndex() + "]" + rest
                    : outer.inObject() ? outer.getCurrentName() + rest : path;
        }
        return path;
    }

    /**
     * A 414 or 431 for a request whose line or headers the server would not decode for their length (the framework
     * answers both 413, which speaks of the body).
     */
    private Optional<ProblemException> tooLongToDecode(HttpRequest<?> request) {
        Throwable cause = request instanceof NettyHttpRequest<?> netty
                ? netty.getNativeRequest().decoderResult().cause() : null;
        if (cause instanceof TooLongHttpLineException) {
            return Optional.of(new ProblemException(ProblemType.URI_TOO_LONG, "the request line is longer than the "
                    + maxInitialLineLength + " bytes the server reads; send long filters in a request body or in"
                    + " several requests"));
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return Optional.of(new ProblemException(ProblemType.HEADERS_TOO_LARGE, "the request headers are larger"
                    + " than the " + maxHeaderSize + " bytes the server reads; send fewer or shorter headers"));
        }
        return Optional.empty();
    }
}
