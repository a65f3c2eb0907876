package dev.tasklane.gateway.events;

import dev.tasklane.store.event.TaskEventRow;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A stream whose client stops reading holds a bounded number of events, then ends so the client can resume. */
@MicronautTest
@Property(name = "datasources.default.url", value = "jdbc:h2:mem:event-hub-overflow-test;DB_CLOSE_DELAY=-1")
@Property(name = "tasklane.events.poll-interval", value = "20ms")
@Property(name = "tasklane.events.stream-buffer", value = "8")
class TaskEventHubOverflowTest {

    private static final int APPENDED = 40;

    @Inject
    TaskEventHub hub;

    @Inject
    DataSource dataSource;

    @Test
    void aStreamWhoseClientFallsBehindItsBufferEndsWithOverflowHavingHeldOnlyTheBuffer() throws Exception {
        TaskEventHub.Subscription subscription = hub.subscribe(event -> true);
        subscription.after().get(5, TimeUnit.SECONDS);
        TaskEventHub.Subscription watcher = hub.subscribe(event -> true);
        watcher.after().get(5, TimeUnit.SECONDS);
        CompletableFuture<Long> watcherSawTheLast = new CompletableFuture<>();
        watcher.events().filter(event -> event.id() == APPENDED).subscribe(event -> watcherSawTheLast.complete(event.id()));
        List<Long> taken = new CopyOnWriteArrayList<>();
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        BaseSubscriber<TaskEventRow> stalled = new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription ignored) {
                // reads nothing until told to
            }

            @Override
            protected void hookOnNext(TaskEventRow event) {
                taken.add(event.id());
            }

            @Override
            protected void hookOnError(Throwable error) {
                ended.complete(error);
            }
        };
        subscription.events().subscribe(stalled);

        for (long id = 1; id <= APPENDED; id++) {
            append(id);
        }
        // the feed has handed every event to every stream once a reading stream has the last
        watcherSawTheLast.get(10, TimeUnit.SECONDS);
        stalled.request(Long.MAX_VALUE);

        assertInstanceOf(TaskEventHub.Overflow.class, ended.get(10, TimeUnit.SECONDS));
        assertTrue(taken.size() <= 16, "no more than the buffer was held: " + taken.size());
        watcher.close();
    }

    private void append(long id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO task_event"
                     + " (id, tenant, owner, task_id, task_type, event_type, at, status) VALUES (?, 't', 'o', 'task-1',"
                     + " 'webhook-delivery', 'PROGRESS_UPDATE', ?, 'RUNNING')")) {
            insert.setLong(1, id);
            insert.setTimestamp(2, Timestamp.from(Instant.now()));
            insert.executeUpdate();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
    }
}
