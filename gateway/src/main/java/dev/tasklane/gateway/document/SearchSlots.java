package dev.tasklane.gateway.document;

import dev.tasklane.gateway.problem.ProblemException;
import dev.tasklane.gateway.problem.ProblemType;
import dev.tasklane.gateway.security.Caller;
import io.micronaut.http.HttpHeaders;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Caps the searches one caller runs at once, so one user's parallel searches cannot hold every store connection. */
@Singleton
public class SearchSlots {

    static final long RETRY_AFTER_SECONDS = 1;

    private final Map<String, Integer> running = new ConcurrentHashMap<>();
    private final int perCaller;

    public SearchSlots(SearchProperties properties) {
        this.perCaller = properties.maxConcurrentPerCaller();
    }

    /** Runs {@code search} in one of the caller's slots, or throws a 429 problem when they are all taken. */
    public <T> T run(Caller caller, Supplier<T> search) {
        String key = caller.tenant() + '\n' + caller.subject();
        boolean[] taken = {false};
        running.compute(key, (k, count) -> {
            int now = count == null ? 0 : count;
            taken[0] = now < perCaller;
            return taken[0] ? now + 1 : count;
        });
        if (!taken[0]) {
            throw new ProblemException(ProblemType.QUOTA_EXCEEDED, "'" + caller.subject() + "' already runs "
                    + perCaller + " searches, the most at once (tasklane.documents.search.max-concurrent-per-caller);"
                    + " search again when one has answered")
                    .withHeader(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS));
        }
        try {
            return search.get();
        } finally {
            running.computeIfPresent(key, (k, count) -> count == 1 ? null : count - 1);
        }
    }
}
