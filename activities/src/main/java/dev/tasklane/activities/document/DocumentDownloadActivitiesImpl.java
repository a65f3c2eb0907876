package dev.tasklane.activities.document;

import dev.tasklane.activities.outbound.DestinationGuard;
import dev.tasklane.activities.outbound.ForbiddenDestinationException;
import dev.tasklane.workflows.document.DocumentDownloadActivities;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.format.ReadableBytes;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Downloads a document submitted by URL, in the task rather than in the request that submits it: under the outbound
 * destination rules (checked after DNS resolution, no redirects), the upload size limit, and one time limit for the
 * whole download ({@code tasklane.documents.fetch-timeout}, 60 s).
 */
@Singleton
public class DocumentDownloadActivitiesImpl implements DocumentDownloadActivities {

    private static final int LONGEST_MEDIA_TYPE = 200;

    private final DestinationGuard guard;
    private final HttpClient http;
    private final DocumentStore documents;
    private final long largest;
    private final Duration timeout;

    public DocumentDownloadActivitiesImpl(DestinationGuard guard, @Named("webhook") HttpClient http,
                                          DocumentStore documents,
                                          @Value("${micronaut.server.multipart.max-file-size:64MB}") @ReadableBytes
                                          long largest,
                                          @Value("${tasklane.documents.fetch-timeout:60s}") Duration timeout) {
        this.guard = guard;
        this.http = http;
        this.documents = documents;
        this.largest = largest;
        this.timeout = timeout;
    }

    @Override
    public long download(String documentId, String url) {
        URI uri = URI.create(url);
        try {
            guard.resolveAllowed(uri);
        } catch (ForbiddenDestinationException e) {
            throw ApplicationFailure.newNonRetryableFailure("url: " + e.getMessage(), UNAVAILABLE);
        } catch (UnknownHostException e) {
            throw ApplicationFailure.newFailure("url: host '" + uri.getHost() + "' cannot be resolved",
                    DOWNLOAD_FAILED);
        }
        AtomicBoolean late = new AtomicBoolean();
        CompletableFuture<Void> deadline = new CompletableFuture<>();
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw refusal(response.statusCode());
            }
            // the request's timeout ends with the headers; a body that drips in is cut off at the same limit
            CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
                if (!deadline.isDone()) {
                    late.set(true);
                    closeQuietly(response.body());
                }
            });
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (ContentFile content = ContentFile.copyOf(new DigestInputStream(response.body(), sha256), largest);
                 InputStream bytes = content.open()) {
                deadline.complete(null);
                if (!documents.replaceContent(documentId, HexFormat.of().formatHex(sha256.digest()), content.size(),
                        mediaType(response), bytes)) {
                    throw ApplicationFailure.newNonRetryableFailure("the document " + documentId
                            + " was deleted while it was downloaded", UNAVAILABLE);
                }
                return content.size();
            }
        } catch (ContentFile.TooLarge e) {
            throw ApplicationFailure.newNonRetryableFailure("url: the document is larger than the upload limit of "
                    + largest + " bytes", UNAVAILABLE);
        } catch (IOException e) {
            throw ApplicationFailure.newFailure(late.get()
                    ? "url: could not be fetched within " + timeout.toSeconds() + " s"
                    : "url: could not be fetched: " + e.getMessage(), DOWNLOAD_FAILED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApplicationFailure.newFailure("url: the download was interrupted", DOWNLOAD_FAILED);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            deadline.complete(null);
        }
    }

    /** A non-200 answer: transient for 408, 429 and 5xx, final otherwise (redirects are never followed). */
    private static ApplicationFailure refusal(int status) {
        String message = "url: could not be fetched: the server answered " + status;
        return status == 408 || status == 429 || status >= 500
                ? ApplicationFailure.newFailure(message, DOWNLOAD_FAILED)
                : ApplicationFailure.newNonRetryableFailure(message, UNAVAILABLE);
    }

    /** The type the server declared, when it fits the document's column and holds no control characters. */
    @Nullable
    private static String mediaType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type")
                .filter(type -> type.length() <= LONGEST_MEDIA_TYPE && type.chars().noneMatch(Character::isISOControl))
                .orElse(null);
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // the download is abandoned either way
        }
    }
}
