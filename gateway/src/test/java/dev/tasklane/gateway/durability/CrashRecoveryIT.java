package dev.tasklane.gateway.durability;

import dev.tasklane.activities.testing.SampleDocuments;
import dev.tasklane.activities.testing.WebhookReceiver;
import dev.tasklane.activities.testing.WebhookReceiver.Reply;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.Await;
import dev.tasklane.gateway.support.TasklaneProcess;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tasklane in role {@code all}, run from the jar, killed with {@code kill -9} while webhook deliveries wait on their
 * receiver and a document pipeline extracts a long PDF, then started again on the same data directory: every task
 * completes, only the deliveries that had reached the receiver come again (once), and the pipeline goes on at the
 * page its last heartbeat recorded without running a finished stage again. Once killed alone, leaving its dev server
 * orphaned, and once together with its dev server.
 */
class CrashRecoveryIT {

    private static final Logger LOG = LoggerFactory.getLogger(CrashRecoveryIT.class);
    /** Activity slots: one for the pipeline's stage, the rest for deliveries held at the receiver. */
    private static final int SLOTS = 5;
    private static final int DELIVERIES = 12;
    private static final int PAGES = 6000;
    private static final Duration FINISH = Duration.ofMinutes(4);
    private static final Pattern PAGE = Pattern.compile("page (\\d+) of \\d+");

    private final JsonMapper json = JsonMapper.createDefault();

    private enum Crash { TASKLANE_ONLY, TASKLANE_AND_ITS_SERVER }

    @Test
    void killedAloneItsOrphanedServerIsReplacedAndEveryTaskCompletesWithoutRepeatingWork() throws Exception {
        survives(Crash.TASKLANE_ONLY);
    }

    @Test
    void killedWithItsServerEveryTaskCompletesWithoutRepeatingWork() throws Exception {
        survives(Crash.TASKLANE_AND_ITS_SERVER);
    }

    private void survives(Crash crash) throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start("127.0.0.1");
             TasklaneProcess tasklane = TasklaneProcess.start("crash-" + crash.name().toLowerCase(),
                     Map.of("TASKLANE_WORKER_MAX_CONCURRENT_ACTIVITIES", Integer.toString(SLOTS)))) {
            receiver.otherwise(Reply.heldUntilReleased(200));
            Api api = Api.at(tasklane.base(), json);

            String pipeline = uploadLongPdf(api);
            Await.until("the pipeline to extract", FINISH, () -> step(api, pipeline), "EXTRACTING"::equals);
            List<String> deliveries = new ArrayList<>();
            for (int i = 0; i < DELIVERIES; i++) {
                Api.Response submitted = api.post("/api/tasks", """
                        {"type":"webhook-delivery","payload":{"url":"%s","body":{"n":%d}}}"""
                        .formatted(receiver.url("/crash/" + i), i));
                assertEquals(202, submitted.status(), submitted.text());
                deliveries.add(submitted.field("id"));
            }
            Await.until("every free slot to hold a delivery at the receiver", FINISH, receiver::count,
                    count -> count == SLOTS - 1);
            long checkpoint = Await.until("Temporal to hold an extraction checkpoint past the first page", FINISH,
                    () -> extractionCheckpoint(tasklane, pipeline), page -> page.orElse(0L) > 0).orElseThrow();
            assertEquals(SLOTS - 1, receiver.count(), "the other deliveries have not reached the receiver");
            long orphan = tasklane.devServer().orElseThrow().pid();

            Instant killed = Instant.now();
            if (crash == Crash.TASKLANE_ONLY) {
                tasklane.killTasklane();
                assertEquals(Optional.of(orphan), tasklane.devServer().map(ProcessHandle::pid),
                        "the dev server outlives a Tasklane killed alone");
            } else {
                tasklane.killTasklaneAndItsServer();
            }
            receiver.release();
            tasklane.restart();

            assertFalse(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false),
                    "the restarted Tasklane stopped the server it found");
            assertNotEquals(orphan, tasklane.devServer().orElseThrow().pid(), "Tasklane runs a dev server of its own");
            deliveries.forEach(id -> awaitCompleted(api, id));
            awaitCompleted(api, pipeline);

            int duplicates = assertDeliveredOnceUnlessInFlight(api, receiver, deliveries);
            Resumption resumption = assertResumedWhereItStopped(api, pipeline, killed, checkpoint);
            assertEveryPageStoredOnce(api, pipeline);
            LOG.info("{}: {} of {} deliveries received twice (all {} held at the receiver when killed); extraction "
                            + "checkpoint page {}, first page recorded after the restart {}; steps run after the "
                            + "restart {}", crash, duplicates, DELIVERIES, SLOTS - 1, checkpoint,
                    resumption.firstPage(), resumption.steps());
        }
    }

    private String uploadLongPdf(Api api) {
        List<String> pages = IntStream.rangeClosed(1, PAGES).mapToObj(page -> String.format(
                "Quarterly report page %d, marker-p%05d. The summary of findings explains the analysis of this "
                        + "quarter's results for every region, and the appendix lists the figures behind each result "
                        + "with the method used to reach them, so the reader can follow the work page by page.",
                page, page)).toList();
        Api.Response uploaded = api.upload("/api/documents", "long-report.pdf", "application/pdf",
                SampleDocuments.pdf(pages), Map.of("chunkSize", "20000", "chunkOverlap", "0"));
        assertEquals(202, uploaded.status(), uploaded.text());
        return uploaded.json().get("task").get("id").getStringValue();
    }

    private static String step(Api api, String id) {
        return text(api.get("/api/tasks/" + id).json().get("progress"), "step");
    }

    /** The string {@code field} of {@code node}, or null where either is missing or null. */
    private static String text(JsonNode node, String field) {
        JsonNode value = node == null || node.isNull() ? null : node.get(field);
        return value == null || value.isNull() ? null : value.getStringValue();
    }

    /** The page the extract activity's last heartbeat that reached Temporal recorded, if it is extracting. */
    private Optional<Long> extractionCheckpoint(TasklaneProcess tasklane, String pipeline) {
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(tasklane.temporalAddress()).build());
        try {
            List<PendingActivityInfo> pending = stubs.blockingStub().describeWorkflowExecution(
                    DescribeWorkflowExecutionRequest.newBuilder().setNamespace("default")
                            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(pipeline)).build())
                    .getPendingActivitiesList();
            return pending.stream().filter(activity -> activity.getActivityType().getName().equals("Extract"))
                    .filter(activity -> activity.getHeartbeatDetails().getPayloadsCount() > 0)
                    .map(activity -> activity.getHeartbeatDetails().getPayloads(0).getData().toStringUtf8())
                    .map(this::unitsDone)
                    .findFirst();
        } finally {
            stubs.shutdownNow();
        }
    }

    private long unitsDone(String checkpoint) {
        try {
            return json.readValue(checkpoint, JsonNode.class).get("unitsDone").getLongValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitCompleted(Api api, String id) {
        Await.until("task " + id + " to complete", FINISH, () -> api.get("/api/tasks/" + id).field("status"),
                "COMPLETED"::equals);
    }

    /**
     * Every delivery reached the receiver; one that had reached it before the kill came at most once more, as its
     * second attempt, and one that had not came once. Returns how many came twice.
     */
    private static int assertDeliveredOnceUnlessInFlight(Api api, WebhookReceiver receiver, List<String> deliveries) {
        Map<String, List<WebhookReceiver.Received>> byDelivery = receiver.requests().stream()
                .collect(Collectors.groupingBy(r -> r.header("Tasklane-Delivery-Id")));
        assertEquals(Set.copyOf(deliveries), byDelivery.keySet(), "every delivery reached the receiver");
        int twice = 0;
        for (String id : deliveries) {
            List<String> attempts = byDelivery.get(id).stream().map(r -> r.header("Tasklane-Attempt")).toList();
            assertTrue(attempts.equals(List.of("1")) || attempts.equals(List.of("1", "2")),
                    "delivery " + id + " came once, or once more after the kill: attempts " + attempts);
            assertEquals(Integer.toString(attempts.size()), api.get("/api/tasks/" + id).field("attempt"),
                    "task " + id + " records the attempts its receiver saw");
            twice += attempts.size() - 1;
        }
        assertEquals(SLOTS - 1, twice, "exactly the deliveries held at the receiver when Tasklane died came again");
        return twice;
    }

    /** What the pipeline did after the restart: the steps it reported and the first page it recorded. */
    private record Resumption(Set<String> steps, long firstPage) {
    }

    private Resumption assertResumedWhereItStopped(Api api, String pipeline, Instant killed, long checkpoint) {
        List<JsonNode> after = events(api, pipeline).stream()
                .filter(event -> Instant.parse(event.get("at").getStringValue()).isAfter(killed)).toList();
        Set<String> steps = new TreeSet<>();
        long firstPage = -1;
        for (JsonNode event : after) {
            String step = text(event.get("progress"), "step");
            if (step != null && "progress_update".equals(text(event, "event"))) {
                steps.add(step);
            }
            String message = text(event, "message");
            Matcher page = PAGE.matcher(message == null ? "" : message);
            if (firstPage < 0 && "EXTRACTING".equals(step) && page.find()) {
                firstPage = Long.parseLong(page.group(1));
            }
        }
        assertFalse(steps.contains("CLASSIFYING"), "no finished stage ran again after the restart: " + steps);
        assertTrue(steps.contains("EXTRACTING"), "the extraction went on after the restart: " + steps);
        assertTrue(firstPage > checkpoint, "the extraction resumed after page " + checkpoint
                + ", the first page recorded after the restart is " + firstPage);
        return new Resumption(steps, firstPage);
    }

    /** The stored text (chunks cut without overlap) holds every page's marker exactly once. */
    private void assertEveryPageStoredOnce(Api api, String pipeline) {
        String document = api.get("/api/tasks/" + pipeline).json().get("result").get("documentId").getStringValue();
        StringBuilder text = new StringBuilder();
        int read = 0;
        int total;
        do {
            JsonNode page = api.get("/api/documents/" + document + "/chunks?limit=500&offset=" + read).json();
            total = page.get("total").getIntValue();
            JsonNode chunks = page.get("items");
            for (int i = 0; i < chunks.size(); i++) {
                text.append(chunks.get(i).get("text").getStringValue()).append('\n');
            }
            read += chunks.size();
        } while (read < total);
        Matcher markers = Pattern.compile("marker-p(\\d{5})").matcher(text);
        List<Integer> found = new ArrayList<>();
        while (markers.find()) {
            found.add(Integer.parseInt(markers.group(1)));
        }
        assertEquals(IntStream.rangeClosed(1, PAGES).boxed().toList(), found,
                "every page's text is stored once, in order (" + total + " chunks)");
    }

    private List<JsonNode> events(Api api, String id) {
        List<JsonNode> events = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = api.get("/api/tasks/" + id + "/logs?after=" + after).json().get("events");
            if (page.size() == 0) {
                return events;
            }
            for (int i = 0; i < page.size(); i++) {
                events.add(page.get(i));
            }
            after = page.get(page.size() - 1).get("id").getLongValue();
        }
    }
}
