package dev.tasklane.gateway.tasks;

import dev.tasklane.activities.testing.SampleDocuments;
import dev.tasklane.activities.testing.WebhookReceiver.Reply;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Await;
import dev.tasklane.gateway.support.Tokens;
import dev.tasklane.workflows.lifecycle.TaskSearchAttributes;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.common.SearchAttributes;
import io.temporal.common.converter.DefaultDataConverter;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the Temporal Web UI shows of a task, read through the SDK from the dev server: search attributes (a batch's
 * children too), static summary and details, each activity's summary and the current details, and never a secret.
 */
@MicronautTest(transactional = false)
class WebUiInspectionTest extends ApiWithReceiverTest {

    private static final String METADATA_QUERY = "__temporal_workflow_metadata";

    @Inject
    WorkflowClient client;

    @Test
    void aRunningDeliveryShowsWhatItSendsWhereAndItsStepButNoCredential() throws Exception {
        receiver.otherwise(Reply.heldUntilReleased(200));
        String id = api.post("/api/tasks", """
                {"type":"webhook-delivery","priority":"HIGH","idempotencyKey":"order-42",
                 "payload":{"url":"%s","secret":"signing-s3cret","headers":{"Authorization":"Bearer header-s3cret"}}}"""
                .formatted(receiver.url("/orders?token=query-s3cret"))).field("id");
        assertNotNull(receiver.awaitRequest(Duration.ofSeconds(20)), "the delivery is under way");

        WorkflowExecutionDescription described = client.newUntypedWorkflowStub(id).describe();
        String shownUrl = receiver.url("/orders");
        assertEquals("webhook-delivery: POST " + shownUrl, described.getStaticSummary());
        String details = described.getStaticDetails();
        assertTrue(details.startsWith("**webhook-delivery** task of tenant `default`, submitted by `tester`, priority"
                + " HIGH"), details);
        assertTrue(details.contains("- Request: `POST " + shownUrl + "`"), details);
        assertTrue(details.contains("- Signed: `yes`"), details);
        assertTrue(details.contains("- Idempotency key: `order-42`"), details);
        assertEquals(List.of("POST " + shownUrl + ", up to 5 attempts"), activitySummaries(id));
        String current = currentDetails(id);
        assertTrue(current.startsWith("**RUNNING** · step `deliver`"), current);
        for (String shown : List.of(described.getStaticSummary(), details, current, String.join("\n",
                activitySummaries(id)))) {
            assertFalse(shown.contains("s3cret"), shown);
        }

        receiver.release();
        api.awaitStatus(id, "COMPLETED");
        String finished = currentDetails(id);
        assertTrue(finished.startsWith("**COMPLETED**\n\nProgress: 100 %"), finished);
    }

    @Test
    void aBatchsChildrenAreFoundByTenantAndTypeAndSayWhatTheyDo() {
        receiver.otherwise(Reply.status(200));
        Api acme = api.as(Tokens.of("ana", "acme-visibility", "MANAGER"));
        Api.Response submitted = acme.post("/api/tasks/batch", """
                {"items":[{"type":"webhook-delivery","payload":{"url":"%s"},"priority":"LOW"},
                          {"type":"webhook-delivery","payload":{"url":"%s","method":"PUT"}},
                          {"type":"analytics","payload":{"days":3}}]}"""
                .formatted(receiver.url("/one"), receiver.url("/two")));
        assertEquals(202, submitted.status(), submitted.text());
        String batchId = submitted.json().get("batch").get("id").getStringValue();
        JsonNode items = submitted.json().get("items");
        acme.awaitStatus(batchId, "COMPLETED");

        Set<String> deliveries = Await.until("the children in visibility", Duration.ofSeconds(20),
                () -> ids("TasklaneTenant=\"acme-visibility\" AND TasklaneType=\"webhook-delivery\""),
                found -> found.size() == 2);
        assertEquals(Set.of(items.get(0).get("taskId").getStringValue(), items.get(1).get("taskId").getStringValue()),
                deliveries);
        assertEquals(Set.of(items.get(2).get("taskId").getStringValue()),
                ids("TasklaneTenant=\"acme-visibility\" AND TasklaneType=\"analytics\" AND TasklaneOwner=\"ana\""));
        assertEquals(Set.of(batchId), ids("TasklaneTenant=\"acme-visibility\" AND TasklaneType=\"batch\""));

        String lowChild = items.get(0).get("taskId").getStringValue();
        WorkflowExecutionDescription child = client.newUntypedWorkflowStub(lowChild).describe();
        SearchAttributes attributes = child.getTypedSearchAttributes();
        assertEquals("LOW", attributes.get(TaskSearchAttributes.PRIORITY));
        assertEquals("ana", attributes.get(TaskSearchAttributes.OWNER));
        assertEquals("webhook-delivery: POST " + receiver.url("/one"), child.getStaticSummary());
        assertTrue(child.getStaticDetails().contains("- Batch: `" + batchId + "`"), child.getStaticDetails());
        assertEquals("webhook-delivery: PUT " + receiver.url("/two"),
                client.newUntypedWorkflowStub(items.get(1).get("taskId").getStringValue()).describe()
                        .getStaticSummary());
        WorkflowExecutionDescription batch = client.newUntypedWorkflowStub(batchId).describe();
        assertEquals("batch: 3 tasks, 10 at once", batch.getStaticSummary());
        assertTrue(batch.getStaticDetails().contains("- Tasks: `1 analytics, 2 webhook-delivery`"),
                batch.getStaticDetails());
    }

    @Test
    void aDocumentPipelineNamesItsFileAndSizeAndEachStage() {
        byte[] pdf = SampleDocuments.pdf(List.of("Invoice 7 for services rendered, payable in thirty days.",
                "Bank details follow on this page. Thank you for your business."));
        Api.Response uploaded = api.upload("/api/documents", "invoice-7.pdf", "application/pdf", pdf, Map.of());
        assertEquals(202, uploaded.status(), uploaded.text());
        String documentId = uploaded.field("id");
        String id = uploaded.json().get("task").get("id").getStringValue();
        api.awaitStatus(id, "COMPLETED");

        WorkflowExecutionDescription described = client.newUntypedWorkflowStub(id).describe();
        String size = String.format(Locale.ROOT, "%.1f KB", pdf.length / 1024.0);
        assertEquals("document-pipeline: invoice-7.pdf, " + size, described.getStaticSummary());
        assertTrue(described.getStaticDetails().contains("- Size: `" + size + "`"), described.getStaticDetails());
        int chunks = api.get("/api/documents/" + documentId).json().get("result").get("chunkCount").getIntValue();
        List<String> stages = activitySummaries(id);
        assertEquals(8, stages.size(), stages.toString());
        assertEquals("classify document " + documentId + ": format, language and category", stages.get(0));
        assertEquals("extract the text of document " + documentId + " (pdf)", stages.get(1));
        assertTrue(stages.get(2).matches("cut \\d+ characters into chunks of up to 1000, 100 overlapping"), stages.get(2));
        assertEquals("compute the vectors of the staged chunks: " + chunks, stages.get(3));
        assertEquals("publish the staged chunks and their vectors: " + chunks, stages.get(4));
        assertEquals("check the quality of 2 pages", stages.get(6));
        assertEquals("record the result on document " + documentId, stages.get(7));
    }

    private Set<String> ids(String query) {
        return client.listExecutions(query).map(WorkflowExecutionMetadata::getExecution)
                .map(execution -> execution.getWorkflowId()).collect(Collectors.toSet());
    }

    /** The summary of every activity the workflow scheduled, in order. */
    private List<String> activitySummaries(String workflowId) {
        return client.fetchHistory(workflowId).getEvents().stream()
                .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
                .map(event -> DefaultDataConverter.STANDARD_INSTANCE.fromPayload(event.getUserMetadata().getSummary(),
                        String.class, String.class))
                .toList();
    }

    private String currentDetails(String workflowId) {
        return client.newUntypedWorkflowStub(workflowId).query(METADATA_QUERY, WorkflowMetadata.class)
                .getCurrentDetails();
    }
}
