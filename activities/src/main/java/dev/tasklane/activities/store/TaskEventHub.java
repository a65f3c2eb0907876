package dev.tasklane.activities.store;

import jakarta.inject.Singleton;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** Hands each appended event straight to the streams open in this process, without polling the store. */
@Singleton
public class TaskEventHub {

    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();

    /**
     * Starts buffering the events that match {@code filter} from now on. Subscribe before reading the
     * log's history, so nothing appended in between is missed; read the buffer with {@link Subscription#events()}.
     */
    public Subscription subscribe(Predicate<TaskEventRow> filter) {
        Subscription subscription = new Subscription(filter);
        subscriptions.add(subscription);
        return subscription;
    }

    void publish(TaskEventRow event) {
        for (Subscription subscription : subscriptions) {
            subscription.offer(event);
        }
    }

    /** One stream's buffered share of the events; ends when its reader cancels or completes. */
    public final class Subscription {

        private final Predicate<TaskEventRow> filter;
        private final Sinks.Many<TaskEventRow> sink = Sinks.many().unicast().onBackpressureBuffer();

        private Subscription(Predicate<TaskEventRow> filter) {
            this.filter = filter;
        }

        private void offer(TaskEventRow event) {
            if (filter.test(event)) {
                synchronized (this) {
                    sink.tryEmitNext(event);
                }
            }
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
