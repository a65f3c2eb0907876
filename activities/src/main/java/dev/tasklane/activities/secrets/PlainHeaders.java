package dev.tasklane.activities.secrets;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The request headers known to carry no secret, stored and shown in clear. Every other header a submission sets
 * (webhooks, sync sources) may be a credential under any name ({@code Api-Key}, {@code X-Access-Token}, …), so its
 * value is sealed like a signing secret.
 */
public final class PlainHeaders {

    /** The names, as documented; compared in any case. */
    public static final List<String> NAMES = List.of("Accept", "Accept-Encoding", "Accept-Language", "Cache-Control",
            "Content-Language", "Content-Type", "User-Agent");

    private static final Set<String> LOWER = NAMES.stream().map(n -> n.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());

    private PlainHeaders() {
    }

    /** Whether header {@code name}'s value is stored in clear. */
    public static boolean isPlain(String name) {
        return LOWER.contains(name.toLowerCase(Locale.ROOT));
    }
}
