package dev.tasklane.gateway.events;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The event feed hands events on in id order: an id still missing (an append not yet committed) holds back the
 * ones after it until it comes, or until the gap timeout, when it is taken as rolled back.
 */
@MicronautTest
@Property(name = "datasources.default.url", value = "jdbc:h2:mem:event-hub-test;DB_CLOSE_DELAY=-1")
@Property(name = "tasklane.events.poll-interval", value = "20ms")
@Property(name = "tasklane.events.gap-timeout", value = "500ms")
class TaskEventHubTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    TaskEventHub hub;

    @Inject
    DataSource dataSource;

    @Test
    void aMissingIdHoldsBackLaterEventsUntilItCommitsOrTimesOut() throws Exception {
        append(1, Instant.now().minusSeconds(60));
        TaskEventHub.Subscription subscription = hub.subscribe(event -> true);
        assertEquals(1, subscription.after().get(WAIT.toMillis(), TimeUnit.MILLISECONDS), "the log holds what came before the subscription");
        BlockingQueue<Long> received = new LinkedBlockingQueue<>();
        subscription.events().subscribe(event -> received.add(event.id()));

        append(3, Instant.now());
        assertNull(received.poll(300, TimeUnit.MILLISECONDS), "event 3 waits while event 2 may still commit");
        append(2, Instant.now());
        assertEquals(2L, received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals(3L, received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS));

        long beforeGap = System.nanoTime();
        append(5, Instant.now());
        assertEquals(5L, received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS), "event 4 is given up on");
        assertTrue(System.nanoTime() - beforeGap >= Duration.ofMillis(500).toNanos(), "but only after the gap timeout");
        subscription.close();
    }

    /** Appends an event with a chosen id, as a concurrent append that committed out of order would leave it. */
    private void append(long id, Instant at) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO task_event"
                     + " (id, tenant, owner, task_id, task_type, event_type, at, status) VALUES (?, 't', 'o', 'task-1',"
                     + " 'webhook-delivery', 'PROGRESS_UPDATE', ?, 'RUNNING')")) {
            insert.setLong(1, id);
            insert.setTimestamp(2, Timestamp.from(at));
            insert.executeUpdate();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
    }
}
