package dev.tasklane.activities.outbound;

import java.util.Locale;
import java.util.Set;

/** The headers Tasklane sets on every delivery, and the ones a submission may not set itself. */
public final class WebhookHeaders {

    /** Same on every attempt of one task: receivers dedupe on it. */
    public static final String DELIVERY_ID = "Tasklane-Delivery-Id";
    /** 1 for the first attempt, counting up on retries. */
    public static final String ATTEMPT = "Tasklane-Attempt";
    /** Unix seconds when the attempt was signed. */
    public static final String TIMESTAMP = "Tasklane-Timestamp";
    /** {@code v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>}. */
    public static final String SIGNATURE = "Tasklane-Signature";

    private static final Set<String> RESERVED = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection");

    private WebhookHeaders() {
    }

    /** Whether a submission may set header {@code name}: not a transport header, not one of Tasklane's own. */
    public static boolean isSettableBySubmitter(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return !RESERVED.contains(lower) && !lower.startsWith("tasklane-");
    }
}
