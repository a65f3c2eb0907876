package dev.tasklane.gateway.document;

import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Tokens;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class DocumentApiTest extends ApiWithReceiverTest {

    private static final String INVOICE = """
            # Invoice 2024-117

            Bill to: Example Trading Ltd. The amount due is 1,250.00 EUR including VAT.
            Payment terms are thirty days from the date of this invoice. Late payment incurs interest.
            Please quote the invoice number with your payment. Thank you for your business with us.
            """;

    @Test
    void aTextDocumentIsClassifiedChunkedEmbeddedAndSearchable() {
        Api.Response submitted = api.post("/api/documents", json("text", INVOICE, "name", "invoice.md",
                "chunkSize", 200, "chunkOverlap", 40));

        assertEquals(202, submitted.status(), submitted.text());
        String id = submitted.field("id");
        String taskId = submitted.json().get("task").get("id").getStringValue();
        assertTrue(taskId.startsWith("document-pipeline-"), taskId);
        api.awaitStatus(taskId, "COMPLETED");

        JsonNode result = api.get("/api/documents/" + id).json().get("result");
        assertEquals("markdown", result.get("format").getStringValue());
        assertEquals("en", result.get("language").getStringValue());
        assertEquals("invoice", result.get("category").getStringValue());
        int chunks = result.get("chunkCount").getIntValue();
        assertTrue(chunks >= 2, "a 200-character chunk size cuts the invoice into several chunks: " + chunks);
        assertTrue(result.get("qualityScore").getNumberValue().doubleValue() >= 0.9, result.toString());
        assertEquals(7, result.get("stageSeconds").size(), "every stage's duration: " + result);

        Api.Response page = api.get("/api/documents/" + id + "/chunks");
        assertEquals(chunks, page.json().get("total").getIntValue());
        assertEquals(id + "#0", page.json().get("items").get(0).get("id").getStringValue());

        JsonNode best = api.get("/api/documents/search?q=payment%20terms%20thirty%20days%20late%20payment%20interest&k=3")
                .json().get("items").get(0);
        assertEquals(id, best.get("documentId").getStringValue());
        assertTrue(best.get("text").getStringValue().contains("Late payment incurs interest"), best.toString());
        JsonNode passage = best.get("passage");
        assertEquals("Late payment incurs interest.", passage.get("text").getStringValue(), best.toString());
        assertEquals(3, passage.get("highlights").size(), "late, payment, interest: " + passage);
        assertTrue(best.get("score").getNumberValue().doubleValue() > 0.2, best.toString());
    }

    @Test
    void theSameContentAgainAnswersTheDocumentStoredBefore() {
        String text = "A short note about quarterly results and their analysis. " + "It has a few sentences. ".repeat(5);
        Api.Response first = api.post("/api/documents", json("text", text));
        Api.Response second = api.post("/api/documents", json("text", text));

        assertEquals(202, first.status(), first.text());
        assertEquals(200, second.status(), second.text());
        assertEquals(first.field("id"), second.field("id"));
        assertEquals("true", second.field("duplicate"));
    }

    @Test
    void similarDocumentsAreLinkedToEachOther() {
        String base = "Tasklane runs background work as durable workflows that survive process crashes. ";
        Api.Response first = api.post("/api/documents", json("text", base.repeat(3) + "First copy."));
        api.awaitStatus(first.json().get("task").get("id").getStringValue(), "COMPLETED");
        Api.Response second = api.post("/api/documents", json("text", base.repeat(3) + "Second copy."));
        api.awaitStatus(second.json().get("task").get("id").getStringValue(), "COMPLETED");

        JsonNode references = api.get("/api/documents/" + second.field("id")).json().get("result")
                .get("crossReferences");
        assertEquals(first.field("id"), references.get(0).get("documentId").getStringValue(), references.toString());
    }

    @Test
    void garbageTextFailsTheQualityCheckAndLeavesNoChunks() {
        StringBuilder garbage = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            garbage.append((char) ('\u2500' + i % 100)).append(i % 7 == 0 ? " " : "");
        }
        Api.Response submitted = api.post("/api/documents", json("text", garbage.toString()));
        String taskId = submitted.json().get("task").get("id").getStringValue();

        Api.Response failed = api.awaitStatus(taskId, "FAILED");
        assertEquals("QualityTooLow", failed.json().get("error").get("type").getStringValue(), failed.text());
        assertEquals(0, api.get("/api/documents/" + submitted.field("id") + "/chunks").json().get("total").getIntValue());
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsStored() {
        int tasksBefore = pipelineTasks();
        assertProblem(api.post("/api/documents", "[]"), "body");
        assertProblem(api.post("/api/documents", json("name", "no text")), "text");
        assertProblem(api.post("/api/documents", json("text", "   ")), "text");
        assertProblem(api.post("/api/documents", json("text", "x", "colour", "blue")), "colour");
        assertProblem(api.post("/api/documents", json("text", "x", "chunkSize", 50)), "payload.chunkSize");
        assertProblem(api.post("/api/documents", json("text", "x", "chunkSize", 400, "chunkOverlap", 300)),
                "payload.chunkOverlap");
        assertProblem(api.post("/api/documents", json("text", "x", "priority", "SOON")), "priority");
        assertProblem(api.get("/api/documents/search"), "q");
        assertProblem(api.get("/api/documents/search?q=%C2%9D"), "q");
        assertProblem(api.get("/api/documents/search?q=%21%3F"), "q");
        assertProblem(api.get("/api/documents/search?q=x&k=0"), "k");
        assertProblem(api.get("/api/documents/doc-x/chunks?limit=9999"), "limit");
        assertEquals(404, api.get("/api/documents/doc-missing").status());
        assertEquals(tasksBefore, pipelineTasks(), "no task was created for a refused document");
    }

    private int pipelineTasks() {
        return api.get("/api/tasks?type=document-pipeline&limit=100").json().get("items").size();
    }

    @Test
    void manyDocumentsAreProcessedAsOneBatchOfPipelines() {
        Api.Response submitted = api.post("/api/documents/bulk", """
                {"documents":[{"text":"%s","name":"a.txt"},{"text":"%s"},{"text":"%s"}],"concurrency":2,
                 "chunkSize":300}""".formatted("First bulk document about invoices and the amount due. ".repeat(4),
                "Second bulk document about a contract between two parties. ".repeat(4),
                "Third bulk document with the quarterly results and their analysis. ".repeat(4)));

        assertEquals(202, submitted.status(), submitted.text());
        JsonNode documents = submitted.json().get("documents");
        assertEquals(3, documents.size());
        JsonNode result = api.awaitStatus(submitted.json().get("batch").get("id").getStringValue(), "COMPLETED")
                .json().get("result");
        assertEquals(3, result.get("successful").getIntValue(), result.toString());
        for (JsonNode document : documents.values()) {
            JsonNode view = api.get("/api/documents/" + document.get("documentId").getStringValue()).json();
            assertEquals(document.get("taskId").getStringValue(), view.get("task").get("id").getStringValue());
            assertTrue(view.get("result").get("chunkCount").getIntValue() >= 1, view.toString());
        }
    }

    @Test
    void aDocumentSentTwiceInOneBulkOrStoredBeforeGetsOnePipeline() {
        String text = "A document sent twice in one bulk request, about a contract. ".repeat(3);
        String earlier = "A document stored before the bulk request, about a report. ".repeat(3);
        String earlierTask = api.post("/api/documents", json("text", earlier)).json().get("task").get("id")
                .getStringValue();

        Api.Response submitted = api.post("/api/documents/bulk", """
                {"documents":[{"text":"%s"},{"text":"%s"},{"text":"%s"}]}""".formatted(text, text, earlier));

        assertEquals(202, submitted.status(), submitted.text());
        JsonNode documents = submitted.json().get("documents");
        assertEquals(documents.get(0).get("taskId").getStringValue(), documents.get(1).get("taskId").getStringValue());
        assertTrue(documents.get(1).get("duplicate").getBooleanValue());
        assertEquals(earlierTask, documents.get(2).get("taskId").getStringValue());
        JsonNode result = api.awaitStatus(submitted.json().get("batch").get("id").getStringValue(), "COMPLETED")
                .json().get("result");
        assertEquals(1, result.get("total").getIntValue(), "one pipeline for the one new document");
    }

    @Test
    void aRefusedBulkStoresNoDocument() {
        String text = "A document of a bulk that is refused for its chunk size. ".repeat(3);
        assertProblem(api.post("/api/documents/bulk", "{}"), "documents");
        assertProblem(api.post("/api/documents/bulk", """
                {"documents":[{"text":"fine"},{"text":" "}]}"""), "documents[1].text");
        assertProblem(api.post("/api/documents/bulk", """
                {"documents":[{"text":"%s"}],"chunkSize":5}""".formatted(text)), "items[0].payload.chunkSize");

        assertEquals(202, api.post("/api/documents", json("text", text)).status(),
                "the refused bulk left no document with the same content behind");
    }

    @Test
    void anotherTenantsDocumentIsNotFound() {
        Api.Response submitted = api.post("/api/documents", json("text", "Private notes of one tenant. ".repeat(3)));
        String id = submitted.field("id");
        Api other = api.as(Tokens.of("mallory", "other-tenant", "ADMIN"));

        assertEquals(404, other.get("/api/documents/" + id).status());
        assertEquals(404, other.get("/api/documents/" + id + "/chunks").status());
        assertEquals(404, other.delete("/api/documents/" + id).status());
        api.awaitStatus(submitted.json().get("task").get("id").getStringValue(), "COMPLETED");
        assertEquals(0, other.get("/api/documents/search?q=private%20notes").json().get("items").size());
        assertEquals(204, api.delete("/api/documents/" + id).status());
        assertEquals(404, api.get("/api/documents/" + id).status());
    }

    private static void assertProblem(Api.Response response, String field) {
        assertEquals(400, response.status(), response.text());
        assertEquals("application/problem+json", response.contentType());
        List<String> fields = new ArrayList<>();
        JsonNode errors = response.json().get("errors");
        assertNotNull(errors, response.text());
        errors.values().forEach(error -> fields.add(error.get("field").getStringValue()));
        assertTrue(fields.contains(field), "the problem names " + field + ": " + response.text());
    }

    private static String json(Object... fieldsAndValues) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            Object value = fieldsAndValues[i + 1];
            json.append(i == 0 ? "" : ",").append('"').append(fieldsAndValues[i]).append("\":")
                    .append(value instanceof String text ? quote(text) : value);
        }
        return json.append('}').toString();
    }

    private static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
