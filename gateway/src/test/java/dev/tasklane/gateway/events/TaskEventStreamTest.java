package dev.tasklane.gateway.events;

import dev.tasklane.activities.testing.WebhookReceiver.Reply;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.SseReader;
import dev.tasklane.gateway.support.SseReader.SseEvent;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class TaskEventStreamTest extends ApiWithReceiverTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void theStreamOfAFinishedTaskReplaysEverythingAndEnds() throws Exception {
        String id = submitDelivery(api, "/e");
        api.awaitStatus(id, "COMPLETED");

        try (SseReader stream = api.stream("/api/tasks/" + id + "/events", null)) {
            List<SseEvent> events = stream.untilEnd(WAIT);

            assertEquals("task_started", events.get(0).name());
            assertEquals("task_completed", events.get(events.size() - 1).name());
            assertTrue(events.get(0).data().contains("\"taskId\":\"" + id + "\""));
            assertIncreasingIds(events);
        }
    }

    @Test
    void resumingWithLastEventIdSendsOnlyWhatCameAfter() throws Exception {
        String id = submitDelivery(api, "/e");
        api.awaitStatus(id, "COMPLETED");
        List<SseEvent> all;
        try (SseReader stream = api.stream("/api/tasks/" + id + "/events", null)) {
            all = stream.untilEnd(WAIT);
        }

        try (SseReader resumed = api.stream("/api/tasks/" + id + "/events", all.get(1).id())) {
            assertEquals(all.subList(2, all.size()), resumed.untilEnd(WAIT));
        }
    }

    @Test
    void aLiveStreamFollowsTheTaskToItsEnd() throws Exception {
        receiver.otherwise(Reply.heldUntilReleased(200));
        String id = submitDelivery(api, "/e");
        assertNotNull(receiver.awaitRequest(WAIT));

        try (SseReader stream = api.stream("/api/tasks/" + id + "/events", null)) {
            assertEquals(200, stream.status());
            assertEquals("task_started", stream.next(WAIT).name());
            receiver.release();
            List<SseEvent> rest = stream.untilEnd(WAIT);

            assertEquals("task_completed", rest.get(rest.size() - 1).name());
        }
    }

    @Test
    void theAllTasksStreamCarriesNewEventsAndResumesFromAnId() throws Exception {
        try (SseReader all = api.stream("/api/tasks/events?type=webhook-delivery", null)) {
            String id = submitDelivery(api, "/e");
            SseEvent first = nextFor(all, id);
            assertEquals("task_started", first.name());
            api.awaitStatus(id, "COMPLETED");

            try (SseReader resumed = api.stream("/api/tasks/events", first.id())) {
                SseEvent next = nextFor(resumed, id);
                assertTrue(Long.parseLong(next.id()) > Long.parseLong(first.id()));
            }
        }
    }

    @Test
    void theAllTasksStreamFiltersByResultingStatus() throws Exception {
        try (SseReader completions = api.stream("/api/tasks/events?status=COMPLETED", null)) {
            String id = submitDelivery(api, "/e");

            SseEvent event = nextFor(completions, id);

            assertEquals("task_completed", event.name());
        }
    }

    private SseEvent nextFor(SseReader stream, String taskId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            SseEvent event = stream.next(WAIT);
            if (event != null && event.data().contains("\"taskId\":\"" + taskId + "\"")) {
                return event;
            }
        }
        throw new AssertionError("no event for " + taskId);
    }

    private static void assertIncreasingIds(List<SseEvent> events) {
        for (int i = 1; i < events.size(); i++) {
            assertTrue(Long.parseLong(events.get(i).id()) > Long.parseLong(events.get(i - 1).id()));
        }
    }

}
