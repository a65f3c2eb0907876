package dev.tasklane.gateway.webhook;

import dev.tasklane.activities.outbound.DestinationGuard;
import dev.tasklane.activities.outbound.ForbiddenDestinationException;
import dev.tasklane.activities.outbound.WebhookHeaders;
import dev.tasklane.gateway.problem.FieldErrors;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks, at submission, a URL Tasklane will call and the headers it will send there: the destination rules every
 * outbound task type shares (webhooks, external syncs, sync sources).
 */
@Singleton
public class DestinationCheck {

    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final DestinationGuard guard;

    public DestinationCheck(DestinationGuard guard) {
        this.guard = guard;
    }

    /** Adds an error under {@code field} unless {@code url} is an http(s) URL to an allowed destination. */
    public void checkUrl(String url, String field, FieldErrors errors) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            errors.add(field, "is not a valid URL: " + e.getReason());
            return;
        }
        try {
            guard.resolveAllowed(uri);
        } catch (ForbiddenDestinationException e) {
            errors.add(field, e.getMessage());
        } catch (UnknownHostException e) {
            errors.add(field, "host '" + uri.getHost() + "' cannot be resolved");
        }
    }

    /** Adds an error per header that is malformed or one Tasklane or the transport sets itself. */
    public static void checkHeaders(@Nullable Map<String, String> headers, String field, FieldErrors errors) {
        if (headers == null) {
            return;
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String path = field + "." + header.getKey();
            if (!HEADER_NAME.matcher(header.getKey()).matches()) {
                errors.add(path, "is not a valid header name");
            } else if (!WebhookHeaders.isSettableBySubmitter(header.getKey())) {
                errors.add(path, "is set by Tasklane or the transport and cannot be given");
            } else if (header.getValue().contains("\r") || header.getValue().contains("\n")) {
                errors.add(path, "must not contain line breaks");
            }
        }
    }
}
