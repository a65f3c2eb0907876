package dev.tasklane.gateway.security;

import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Tokens;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a submission names (a document) is checked at submit against what the caller may see: 404 otherwise. */
@MicronautTest(transactional = false)
class SubmissionReferenceTest extends ApiWithReceiverTest {

    private static final String TEXT = "Quarterly contract review for the supplier agreement. "
            + "The termination notice period is ninety days. ".repeat(4);

    @Inject
    JdbcOperations jdbc;
    @Inject
    TransactionOperations<Connection> transactions;

    /** Stores a document as {@code owner} and waits for its first pipeline; the document's id. */
    private static String storedDocument(Api owner, String text) {
        Api.Response stored = owner.post("/api/documents", "{\"text\":\"" + text + "\"}");
        assertEquals(202, stored.status(), stored.text());
        owner.awaitStatus(stored.json().get("task").get("id").getStringValue(), "COMPLETED");
        return stored.field("id");
    }

    private static String pipeline(String documentId) {
        return "{\"documentId\":\"" + documentId + "\"}";
    }

    private long tasksNaming(String documentId) {
        return transactions.executeRead(s -> jdbc.prepareStatement("SELECT COUNT(*) FROM task WHERE input_json LIKE ?",
                statement -> {
                    statement.setString(1, "%" + documentId + "%");
                    ResultSet result = statement.executeQuery();
                    result.next();
                    return result.getLong(1);
                }));
    }

    private static void assertNotFoundNaming(String field, Api.Response response) {
        assertEquals(404, response.status(), response.text());
        assertEquals("application/problem+json", response.contentType());
        assertEquals("urn:tasklane:problem:not-found", response.field("type"));
        assertEquals(field, response.json().get("errors").get(0).get("field").getStringValue(), response.text());
    }

    @Test
    void aUserCannotRunThePipelineOnAnotherUsersDocumentAndNothingIsWritten() {
        Api alice = api.as(Tokens.of("alice", "refs-users", "USER"));
        Api bob = api.as(Tokens.of("bob", "refs-users", "USER"));
        String alices = storedDocument(alice, TEXT + "Alice's copy.");

        Api.Response typed = bob.post("/api/tasks/document-pipeline", pipeline(alices));
        Api.Response generic = bob.post("/api/tasks", """
                {"type":"document-pipeline","payload":%s}""".formatted(pipeline(alices)));

        assertNotFoundNaming("payload.documentId", typed);
        assertNotFoundNaming("payload.documentId", generic);
        assertEquals(typed.field("detail").replace(alices, "x"),
                bob.post("/api/tasks/document-pipeline", pipeline("doc-none")).field("detail").replace("doc-none", "x"),
                "another user's document reads exactly like one that does not exist");
        assertEquals(1, tasksNaming(alices), "only the owner's own pipeline task names the document");
        assertEquals(0, bob.get("/api/tasks").json().get("items").size());
    }

    @Test
    void anotherTenantsDocumentIsNotFoundAtSubmit() {
        Api acme = api.as(Tokens.of("ann", "refs-acme", "USER"));
        Api globex = api.as(Tokens.of("gus", "refs-globex", "ADMIN"));
        String acmes = storedDocument(acme, TEXT + "Acme's copy.");

        assertNotFoundNaming("payload.documentId", globex.post("/api/tasks/document-pipeline", pipeline(acmes)));
        assertEquals(1, tasksNaming(acmes));
    }

    @Test
    void theOwnerAndTheTenantsManagerMayRunThePipelineAgain() {
        Api carol = api.as(Tokens.of("carol", "refs-own", "USER"));
        Api manager = api.as(Tokens.of("meg", "refs-own", "MANAGER"));
        String carols = storedDocument(carol, TEXT + "Carol's copy.");

        Api.Response again = carol.post("/api/tasks/document-pipeline", pipeline(carols));
        Api.Response byManager = manager.post("/api/tasks/document-pipeline", pipeline(carols));

        assertEquals(202, again.status(), again.text());
        carol.awaitStatus(again.field("id"), "COMPLETED");
        assertEquals(202, byManager.status(), byManager.text());
        manager.awaitStatus(byManager.field("id"), "COMPLETED");
    }

    @Test
    void aBatchItemNamingAnotherUsersDocumentIsLeftOutWithItsError() {
        Api dave = api.as(Tokens.of("dave", "refs-batch", "USER"));
        Api erin = api.as(Tokens.of("erin", "refs-batch", "USER"));
        String daves = storedDocument(dave, TEXT + "Dave's copy.");

        Api.Response batch = erin.post("/api/tasks/batch", """
                {"items":[{"type":"document-pipeline","payload":%s},{"type":"webhook-delivery","payload":{"url":"%s"}}]}"""
                .formatted(pipeline(daves), receiver.url("/batch")));

        assertEquals(202, batch.status(), batch.text());
        JsonNode items = batch.json().get("items");
        assertEquals("items[0].payload.documentId", items.get(0).get("errors").get(0).get("field").getStringValue());
        assertTrue(items.get(1).get("taskId").isString(), batch.text());
        assertEquals(1, tasksNaming(daves), "the batch names no task for the document");
    }

    @Test
    void aScheduleMayNotNameAnotherTenantsDocument() {
        Api acme = api.as(Tokens.of("ann", "refs-sched-acme", "USER"));
        Api globex = api.as(Tokens.of("gus", "refs-sched-globex", "ADMIN"));
        String acmes = storedDocument(acme, TEXT + "Scheduled copy.");

        Api.Response schedule = globex.post("/api/schedules", """
                {"name":"nightly-reprocess","cron":"daily","taskType":"document-pipeline","payload":%s}"""
                .formatted(pipeline(acmes)));

        assertNotFoundNaming("payload.documentId", schedule);
        assertEquals(0, globex.get("/api/schedules").json().get("items").size());
    }
}
