package dev.tasklane.gateway.events;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads the store for streamed responses on a few threads of its own that nothing interrupts. A client that goes away
 * cancels its stream, and a cancelled Reactor worker interrupts its thread; H2 closes its file for everyone when a
 * thread inside it is interrupted. Here a cancel only drops the result of the read in flight and stops further reads.
 */
@Singleton
public class StreamReads {

    private final ExecutorService readers;

    public StreamReads(EventFeedProperties properties) {
        AtomicInteger count = new AtomicInteger();
        this.readers = Executors.newFixedThreadPool(properties.streamReaders(), work -> {
            Thread thread = new Thread(work, "tasklane-stream-read-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** One read, run when subscribed to. */
    public <T> Mono<T> read(Supplier<T> read) {
        return Mono.fromFuture(() -> CompletableFuture.supplyAsync(read, readers), true);
    }

    /**
     * Pages read one after another, each once the one before it is handed on, until {@code next} gives no further
     * read: at most one page is read ahead of what the subscriber has taken.
     */
    public <P> Flux<P> pages(Supplier<P> first, Function<P, Optional<Supplier<P>>> next) {
        return read(first).expand(page -> next.apply(page).map(this::read).orElseGet(Mono::empty));
    }

    /** Lets the reads in flight finish; none is interrupted. */
    @PreDestroy
    void stop() {
        readers.shutdown();
    }
}
