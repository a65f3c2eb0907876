package dev.tasklane.gateway.events;

import dev.tasklane.store.event.TaskEventAppended;
import dev.tasklane.store.event.TaskEventRepository;
import dev.tasklane.store.event.TaskEventRow;
import io.micronaut.context.event.ApplicationEventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Follows the event table for every stream open in this process, whichever process appended the events: one
 * reader, one query per poll interval (at once after an append of this process's), each event handed on in id
 * order. An id still missing holds back the ones after it until its append commits or the gap timeout passes, so
 * a stream never sees an event before a lower one and {@code Last-Event-ID} resumes without a gap. The table is read
 * only on the reader's own thread, which nothing interrupts: H2 closes its file when a thread inside it is interrupted,
 * so a stream that goes away must never interrupt a read.
 */
@Singleton
public class TaskEventHub implements ApplicationEventListener<TaskEventAppended> {

    private static final Logger LOG = LoggerFactory.getLogger(TaskEventHub.class);
    private static final int PAGE = 500;

    private final TaskEventRepository events;
    private final EventFeedProperties properties;
    private final Clock clock;
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final Semaphore appended = new Semaphore(0);
    /** Done once the reader knows where the log is settled, so subscriptions know where their live part starts. */
    private final CompletableFuture<Void> settled = new CompletableFuture<>();
    private Thread reader;
    private volatile boolean stopping;
    /** Every event with an id up to this one has been handed on, or its id was given up as rolled back. */
    private volatile long handedOn;
    private long gapSeenAt;
    private boolean storeFailing;

    public TaskEventHub(TaskEventRepository events, EventFeedProperties properties, Clock clock) {
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Starts buffering the events that match {@code filter} from now on. Read what came before from the log up to
     * {@link Subscription#after()}, then the buffer with {@link Subscription#events()}: nothing is missed in between.
     * Never reads the store on the caller's thread.
     */
    public Subscription subscribe(Predicate<TaskEventRow> filter) {
        Subscription subscription = new Subscription(filter);
        subscriptions.add(subscription);
        startReading();
        // at once when the reader has settled, else on the reader's thread before it hands on any event
        settled.thenRun(subscription::start);
        return subscription;
    }

    /** Hears an event was committed in this process, so the reader fetches it now rather than at its next poll. */
    @Override
    public void onApplicationEvent(TaskEventAppended event) {
        if (!subscriptions.isEmpty() && appended.availablePermits() == 0) {
            appended.release();
        }
    }

    private synchronized void startReading() {
        if (reader != null) {
            return;
        }
        reader = new Thread(this::follow, "tasklane-event-feed");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * The newest id below which no append can still be in flight: the last event older than the gap timeout among
     * the recent ones (or just below the oldest of them, when all are that recent).
     */
    private long settledUpTo() {
        Instant settled = clock.instant().minus(properties.gapTimeout());
        List<TaskEventRow> recent = events.findNewest(PAGE);
        for (TaskEventRow event : recent) {
            if (event.at().isBefore(settled)) {
                return event.id();
            }
        }
        return recent.isEmpty() ? 0 : recent.get(recent.size() - 1).id() - 1;
    }

    private void follow() {
        while (!stopping) {
            try {
                if (settled.isDone()) {
                    readNewEvents();
                } else {
                    handedOn = settledUpTo();
                    settled.complete(null);
                }
                if (storeFailing) {
                    LOG.info("reading the event table again");
                    storeFailing = false;
                }
            } catch (RuntimeException e) {
                if (!storeFailing) {
                    LOG.warn("cannot read the event table ({}); live streams wait until the store answers", e.toString());
                    storeFailing = true;
                }
            }
            try {
                appended.tryAcquire(properties.pollInterval().toNanos(), TimeUnit.NANOSECONDS);
                appended.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void readNewEvents() {
        List<TaskEventRow> page;
        do {
            page = events.findAfter(handedOn, PAGE);
            for (TaskEventRow event : page) {
                if (event.id() != handedOn + 1 && !gapTimedOut(event.id())) {
                    return;
                }
                gapSeenAt = 0;
                handedOn = event.id();
                for (Subscription subscription : subscriptions) {
                    subscription.offer(event);
                }
            }
        } while (page.size() == PAGE);
    }

    private boolean gapTimedOut(long nextId) {
        long now = System.nanoTime();
        if (gapSeenAt == 0) {
            gapSeenAt = now;
            return false;
        }
        if (now - gapSeenAt < properties.gapTimeout().toNanos()) {
            return false;
        }
        LOG.debug("event ids {} to {} never committed; taken as rolled back", handedOn + 1, nextId - 1);
        return true;
    }

    /** Lets the reader finish the read it is in and end; interrupting it could close the store's file. */
    @PreDestroy
    synchronized void stop() {
        stopping = true;
        appended.release();
    }

    /** Ends a stream whose client reads slower than its events come; the client resumes from its last event id. */
    public static final class Overflow extends IllegalStateException {

        private Overflow(int buffered) {
            super("more than " + buffered + " events waited for this stream's client; resume with the last event id");
        }
    }

    /**
     * One stream's buffered share of the events, at most {@link EventFeedProperties#streamBuffer()} of them; ends when
     * its reader cancels or completes, or with {@link Overflow} when the buffer is full.
     */
    public final class Subscription {

        private final Predicate<TaskEventRow> filter;
        private final Sinks.Many<TaskEventRow> sink = Sinks.many().unicast()
                .onBackpressureBuffer(Queues.<TaskEventRow>get(properties.streamBuffer()).get());
        private final CompletableFuture<Long> started = new CompletableFuture<>();
        /** No event is buffered until the subscription knows where the log's part ends. */
        private volatile long after = Long.MAX_VALUE;

        private Subscription(Predicate<TaskEventRow> filter) {
            this.filter = filter;
        }

        /** Under the subscription's lock with {@link #start()}: an event is either after its start or in the log. */
        private synchronized void offer(TaskEventRow event) {
            if (event.id() > after && filter.test(event)
                    && sink.tryEmitNext(event) == Sinks.EmitResult.FAIL_OVERFLOW) {
                close();
                sink.tryEmitError(new Overflow(properties.streamBuffer()));
            }
        }

        /** Starts after the last event handed on, read under the lock {@link #offer} holds for each event. */
        private void start() {
            long upTo;
            synchronized (this) {
                upTo = handedOn;
                after = upTo;
            }
            started.complete(upTo);
        }

        /** The id the live events start after, once the feed knows it: the log holds every event up to it. */
        public CompletableFuture<Long> after() {
            return started;
        }

        /** The live events, once; closing the flux ends the subscription. */
        public Flux<TaskEventRow> events() {
            return sink.asFlux().doFinally(signal -> close());
        }

        /** Stops buffering; for a subscription whose events will never be read. */
        public void close() {
            subscriptions.remove(this);
        }
    }
}
