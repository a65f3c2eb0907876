package dev.tasklane.gateway.document;

import dev.tasklane.activities.document.DocumentStore;
import dev.tasklane.activities.testing.SampleDocuments;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Await;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A PDF is as long as its page tree, not its declared page count; one past the page limit fails its task; and a
 * cancelled extraction stops at its next heartbeat, before the task ends CANCELLED with nothing stored.
 */
@MicronautTest
@Property(name = "tasklane.documents.max-pages", value = "3000")
class DocumentBoundsTest extends ApiWithReceiverTest {

    private static final String PDF = "application/pdf";

    @Inject
    WorkflowClient temporal;

    @Inject
    DocumentStore documents;

    @Test
    void aPdfWithMorePagesThanTheLimitFailsItsTaskNamingTheLimit() {
        Api.Response uploaded = api.upload("/api/documents", "long.pdf", PDF, SampleDocuments.pdf(pages(3001)), Map.of());

        assertEquals(202, uploaded.status(), uploaded.text());
        Api.Response failed = api.awaitStatus(uploaded.json().get("task").get("id").getStringValue(), "FAILED");
        JsonNode error = failed.json().get("error");
        assertEquals("UnprocessableDocument", error.get("type").getStringValue(), failed.text());
        assertEquals("the document has more than 3000 pages (tasklane.documents.max-pages)",
                error.get("message").getStringValue());
        assertEquals(0, api.get("/api/documents/" + uploaded.field("id") + "/chunks").json().get("total").getIntValue());
    }

    @Test
    void aPdfClaimingTwoBillionPagesIsProcessedAsTheThreePagesItHolds() {
        Api.Response uploaded = api.upload("/api/documents", "claims.pdf", PDF,
                SampleDocuments.pdfClaimingPages(pages(3), Integer.MAX_VALUE), Map.of());

        assertEquals(202, uploaded.status(), uploaded.text());
        api.awaitStatus(uploaded.json().get("task").get("id").getStringValue(), "COMPLETED");
        JsonNode result = api.get("/api/documents/" + uploaded.field("id")).json().get("result");
        assertEquals(3, result.get("pages").getIntValue(), result.toString());
    }

    @Test
    void aCancelledExtractionStopsAtItsNextHeartbeatAndTheTaskEndsCancelledWithNothingStored() {
        Api.Response uploaded = api.upload("/api/documents", "long.pdf", PDF, SampleDocuments.pdf(pages(3000)),
                Map.of());
        String taskId = uploaded.json().get("task").get("id").getStringValue();
        Await.until("the extraction to be under way", Duration.ofSeconds(30), () -> api.get("/api/tasks/" + taskId),
                task -> task.text().contains("\"step\":\"EXTRACTING\"") && task.text().contains("\"message\":\"page "));

        assertEquals(202, api.post("/api/tasks/" + taskId + "/cancel", "").status());

        Await.until("the task to end CANCELLED", Duration.ofSeconds(10), () -> api.get("/api/tasks/" + taskId),
                task -> "CANCELLED".equals(task.field("status")));
        assertEquals(0, temporal.newUntypedWorkflowStub(taskId).describe().getRawDescription()
                .getPendingActivitiesCount(), "no stage is still running to write anything");
        assertEquals(0, documents.textLength(uploaded.field("id")), "what the extraction wrote was removed");
    }

    private static List<String> pages(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(n -> "Page " + n + " of the agreement between the parties,"
                + " with the clause on liability and the payment terms they accept.").toList();
    }
}
