package dev.tasklane.gateway.events;

import dev.tasklane.gateway.problem.ProblemException;
import dev.tasklane.gateway.problem.ProblemType;
import dev.tasklane.gateway.security.Caller;
import io.micronaut.http.HttpHeaders;
import jakarta.inject.Singleton;
import reactor.core.publisher.Flux;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps the streamed responses (SSE and WebSocket event streams, exports) open at once, per caller and for the whole
 * process, so no caller's streams can take the gateway's memory, connections and stream readers from everyone else.
 */
@Singleton
public class StreamPermits {

    private static final String RETRY_AFTER_SECONDS = "5";

    private final EventFeedProperties limits;
    private final Map<String, Integer> perCaller = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();

    public StreamPermits(EventFeedProperties limits) {
        this.limits = limits;
    }

    /** One open stream's place, given back once, by its first {@link #close()}. */
    public final class Permit implements AutoCloseable {

        private final String caller;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Permit(String caller) {
            this.caller = caller;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                open.decrementAndGet();
                give(caller);
            }
        }
    }

    /**
     * {@code stream}, refused now with a 429 problem when {@code caller} has no room for it, holding one of their
     * permits while it is subscribed: taken on subscription, so a response that is never written holds none.
     */
    public <T> Flux<T> held(Caller caller, Flux<T> stream) {
        checkRoom(caller);
        return Flux.using(() -> take(caller), permit -> stream, Permit::close);
    }

    /** Throws a 429 problem saying which cap one more stream of {@code caller}'s would pass, if it would. */
    public void checkRoom(Caller caller) {
        if (perCaller.getOrDefault(key(caller), 0) >= limits.maxStreamsPerCaller()) {
            throw callerFull();
        }
        if (open.get() >= limits.maxStreams()) {
            throw processFull();
        }
    }

    /** A place for one more stream of {@code caller}'s, or a 429 problem saying which cap it would pass. */
    public Permit take(Caller caller) {
        String key = key(caller);
        if (perCaller.merge(key, 1, Integer::sum) > limits.maxStreamsPerCaller()) {
            give(key);
            throw callerFull();
        }
        if (open.incrementAndGet() > limits.maxStreams()) {
            open.decrementAndGet();
            give(key);
            throw processFull();
        }
        return new Permit(key);
    }

    private static String key(Caller caller) {
        return caller.tenant() + "\n" + caller.subject();
    }

    private ProblemException callerFull() {
        return refused(limits.maxStreamsPerCaller() + " event streams are open for you, the most one caller may"
                + " have; close one first");
    }

    private static ProblemException processFull() {
        return refused("this gateway serves as many event streams as it can; try again shortly");
    }

    private void give(String key) {
        perCaller.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
    }

    private static ProblemException refused(String detail) {
        return new ProblemException(ProblemType.QUOTA_EXCEEDED, detail)
                .withHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }
}
