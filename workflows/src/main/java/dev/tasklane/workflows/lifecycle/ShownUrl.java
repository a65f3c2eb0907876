package dev.tasklane.workflows.lifecycle;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A URL as summaries and details in the Temporal Web UI show it: scheme, host, port and path, without the user info,
 * query or fragment, which can carry credentials (a token in the query, a password before the host).
 */
public final class ShownUrl {

    private ShownUrl() {
    }

    public static String of(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "(a URL that cannot be read)";
            }
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            return uri.getScheme() + "://" + uri.getHost() + port + path;
        } catch (URISyntaxException e) {
            return "(a URL that cannot be read)";
        }
    }
}
