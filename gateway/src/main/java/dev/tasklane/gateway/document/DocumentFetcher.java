package dev.tasklane.gateway.document;

import dev.tasklane.activities.document.ContentFile;
import dev.tasklane.activities.webhook.DestinationGuard;
import dev.tasklane.activities.webhook.ForbiddenDestinationException;
import dev.tasklane.gateway.problem.ProblemException;
import dev.tasklane.gateway.problem.ProblemType;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.format.ReadableBytes;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fetches a document submitted by URL, under the same destination rules as webhook deliveries (no loopback,
 * private or metadata addresses unless allowed, no redirects), the upload size limit and one time limit for the
 * whole download ({@code tasklane.documents.fetch-timeout}, 60 s).
 */
@Singleton
public class DocumentFetcher {


    /** A fetched document: its bytes in a temporary file (the caller closes it), and what the server said it is. */
    public record Fetched(ContentFile content, @Nullable String mediaType, String name) {
    }

    private final DestinationGuard guard;
    private final HttpClient http;
    private final long largest;
    private final Duration timeout;

    public DocumentFetcher(DestinationGuard guard, @Named("webhook") HttpClient http,
                           @Value("${micronaut.server.multipart.max-file-size:64MB}") @ReadableBytes long largest,
                           @Value("${tasklane.documents.fetch-timeout:60s}") Duration timeout) {
        this.guard = guard;
        this.http = http;
        this.largest = largest;
        this.timeout = timeout;
    }

    public Fetched fetch(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ProblemException.invalid("url", "is not a valid URL: " + e.getReason());
        }
        try {
            guard.resolveAllowed(uri);
        } catch (ForbiddenDestinationException e) {
            throw ProblemException.invalid("url", e.getMessage());
        } catch (UnknownHostException e) {
            throw ProblemException.invalid("url", "host '" + uri.getHost() + "' cannot be resolved");
        }
        AtomicBoolean late = new AtomicBoolean();
        CompletableFuture<Void> deadline = new CompletableFuture<>();
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw ProblemException.invalid("url", "could not be fetched: the server answered "
                        + response.statusCode());
            }
            // the request's timeout ends with the headers; a body that drips in is cut off at the same limit
            CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
                if (!deadline.isDone()) {
                    late.set(true);
                    closeQuietly(response.body());
                }
            });
            ContentFile content = ContentFile.copyOf(response.body(), largest);
            deadline.complete(null);
            String path = uri.getPath() == null ? "" : uri.getPath();
            String name = path.substring(path.lastIndexOf('/') + 1);
            return new Fetched(content, response.headers().firstValue("Content-Type").orElse(null),
                    name.isEmpty() ? uri.getHost() : name);
        } catch (ContentFile.TooLarge e) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "the document at the URL is larger than the"
                    + " upload limit of " + largest + " bytes");
        } catch (IOException e) {
            throw ProblemException.invalid("url", late.get()
                    ? "could not be fetched within " + timeout.toSeconds() + " s; make the document available faster"
                    : "could not be fetched: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            deadline.complete(null);
        }
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // the download is abandoned either way
        }
    }
}
