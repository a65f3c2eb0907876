package dev.tasklane.gateway.document;

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
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Fetches a document submitted by URL, under the same destination rules as webhook deliveries (no loopback,
 * private or metadata addresses unless allowed, no redirects) and the upload size limit.
 */
@Singleton
public class DocumentFetcher {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** A fetched document: its bytes in a temporary file, and what the server said it is. */
    public record Fetched(UploadFile content, @Nullable String mediaType, String name) {
    }

    private final DestinationGuard guard;
    private final HttpClient http;
    private final long largest;

    public DocumentFetcher(DestinationGuard guard, @Named("webhook") HttpClient http,
                           @Value("${micronaut.server.multipart.max-file-size:64MB}") @ReadableBytes long largest) {
        this.guard = guard;
        this.http = http;
        this.largest = largest;
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
        Path file = null;
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw ProblemException.invalid("url", "could not be fetched: the server answered "
                            + response.statusCode());
                }
                file = Files.createTempFile("tasklane-fetch-", ".bin");
                long size = copyAtMost(body, file);
                String name = uri.getPath() == null || uri.getPath().isEmpty() ? uri.getHost()
                        : uri.getPath().substring(uri.getPath().lastIndexOf('/') + 1);
                return new Fetched(UploadFile.at(file, size),
                        response.headers().firstValue("Content-Type").orElse(null), name.isEmpty() ? uri.getHost() : name);
            }
        } catch (IOException e) {
            deleteQuietly(file);
            throw ProblemException.invalid("url", "could not be fetched: " + e.getMessage());
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long copyAtMost(InputStream body, Path file) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                total += read;
                if (total > largest) {
                    throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "the document at the URL is larger"
                            + " than the upload limit of " + largest + " bytes");
                }
                out.write(buffer, 0, read);
            }
        }
        return total;
    }

    private static void deleteQuietly(@Nullable Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file; the system cleans its temporary directory
            }
        }
    }
}
