package dev.tasklane.gateway.security;

import com.sun.net.httpserver.HttpServer;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Tokens;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Documents are de-duplicated and linked per owner: the same bytes from a colleague reveal nothing of one's own. */
@MicronautTest(transactional = false)
class DocumentOwnershipTest extends ApiWithReceiverTest {

    private static final String TEXT = "Quarterly contract review for the supplier agreement. "
            + "The termination notice period is ninety days. ".repeat(4);

    private static String text(String document) {
        return "{\"text\":\"" + document + "\"}";
    }

    /** Waits for the document's pipeline and answers the document as its owner sees it then. */
    private static Api.Response processed(Api owner, Api.Response submitted) {
        assertEquals(202, submitted.status(), submitted.text());
        owner.awaitStatus(submitted.json().get("task").get("id").getStringValue(), "COMPLETED");
        return owner.get("/api/documents/" + submitted.field("id"));
    }

    private static List<String> crossReferences(Api.Response document) {
        List<String> ids = new ArrayList<>();
        document.json().get("result").get("crossReferences").values()
                .forEach(reference -> ids.add(reference.get("documentId").getStringValue()));
        return ids;
    }

    @Test
    void twoUsersSendingTheSameTextEachGetADocumentOfTheirOwn() {
        Api alice = api.as(Tokens.of("alice", "owned-text", "USER"));
        Api bob = api.as(Tokens.of("bob", "owned-text", "USER"));
        Api manager = api.as(Tokens.of("meg", "owned-text", "MANAGER"));
        Api.Response alices = alice.post("/api/documents", text(TEXT));

        Api.Response bobs = bob.post("/api/documents", text(TEXT));

        assertEquals(202, bobs.status(), "a new document of bob's own: " + bobs.text());
        assertEquals("false", bobs.field("duplicate"));
        assertNotEquals(alices.field("id"), bobs.field("id"));
        assertEquals("contract", processed(bob, bobs).json().get("result").get("category").getStringValue());
        assertEquals(404, bob.get("/api/documents/" + alices.field("id")).status());
        assertEquals(404, alice.get("/api/documents/" + bobs.field("id")).status());
        assertEquals(200, manager.get("/api/documents/" + alices.field("id")).status());
        assertEquals(200, manager.get("/api/documents/" + bobs.field("id")).status());
        bob.get("/api/documents/search?q=termination%20notice&k=10").json().get("items").values().forEach(chunk ->
                assertEquals(bobs.field("id"), chunk.get("documentId").getStringValue(), chunk.toString()));
        Api.Response again = alice.post("/api/documents", text(TEXT));
        assertEquals(200, again.status(), again.text());
        assertEquals(alices.field("id"), again.field("id"));
        assertEquals("true", again.field("duplicate"));
    }

    @Test
    void twoUsersUploadingTheSameFileEachGetADocumentOfTheirOwn() {
        Api alice = api.as(Tokens.of("alice", "owned-file", "USER"));
        Api bob = api.as(Tokens.of("bob", "owned-file", "USER"));
        byte[] file = TEXT.getBytes(StandardCharsets.UTF_8);
        Api.Response alices = alice.upload("/api/documents", "review.txt", "text/plain", file, Map.of());

        Api.Response bobs = bob.upload("/api/documents", "review.txt", "text/plain", file, Map.of());
        Api.Response bobsAgain = bob.upload("/api/documents", "copy.txt", "text/plain", file, Map.of());

        assertEquals(202, alices.status(), alices.text());
        assertEquals(202, bobs.status(), bobs.text());
        assertNotEquals(alices.field("id"), bobs.field("id"));
        assertEquals(404, alice.get("/api/documents/" + bobs.field("id")).status());
        assertEquals(200, bobsAgain.status(), bobsAgain.text());
        assertEquals(bobs.field("id"), bobsAgain.field("id"));
    }

    @Test
    void aBulkOfTheSameBytesStoresNewDocumentsForAnotherUser() {
        Api alice = api.as(Tokens.of("alice", "owned-bulk", "USER"));
        Api bob = api.as(Tokens.of("bob", "owned-bulk", "USER"));
        String bulk = "{\"documents\":[" + text(TEXT) + "]}";
        Api.Response alices = alice.post("/api/documents/bulk", bulk);

        Api.Response bobs = bob.upload("/api/documents/bulk", List.of(new Api.FilePart("review.txt", "text/plain",
                TEXT.getBytes(StandardCharsets.UTF_8))), Map.of());
        Api.Response bobsAgain = bob.post("/api/documents/bulk", bulk);

        assertEquals(202, alices.status(), alices.text());
        assertEquals(202, bobs.status(), "a batch for bob's new document: " + bobs.text());
        JsonNode alicesDocument = alices.json().get("documents").get(0);
        JsonNode bobsDocument = bobs.json().get("documents").get(0);
        assertFalse(bobsDocument.get("duplicate").getBooleanValue(), bobs.text());
        assertNotEquals(alicesDocument.get("documentId").getStringValue(),
                bobsDocument.get("documentId").getStringValue());
        assertNotEquals(alicesDocument.get("taskId").getStringValue(), bobsDocument.get("taskId").getStringValue());
        assertEquals(404, bob.get("/api/documents/" + alicesDocument.get("documentId").getStringValue()).status());
        assertEquals(200, bobsAgain.status(), bobsAgain.text());
        JsonNode again = bobsAgain.json().get("documents").get(0);
        assertTrue(again.get("duplicate").getBooleanValue(), bobsAgain.text());
        assertEquals(bobsDocument.get("documentId").getStringValue(), again.get("documentId").getStringValue());
    }

    @Test
    void aDocumentIsLinkedToItsOwnersSimilarDocumentsOnly() {
        Api alice = api.as(Tokens.of("alice", "owned-links", "USER"));
        Api bob = api.as(Tokens.of("bob", "owned-links", "USER"));
        String alicesFirst = processed(alice, alice.post("/api/documents", text(TEXT + "First copy."))).field("id");

        Api.Response bobs = processed(bob, bob.post("/api/documents", text(TEXT + "Bob's copy.")));
        Api.Response alicesSecond = processed(alice, alice.post("/api/documents", text(TEXT + "Second copy.")));

        assertEquals(List.of(), crossReferences(bobs), "alice's similar document is not named to bob");
        assertEquals(List.of(alicesFirst), crossReferences(alicesSecond), "linked to her own, not to bob's");
    }

    @Test
    void aDocumentDownloadedByUrlTakesItsChecksumThoughAColleagueHasTheSameContent() throws IOException {
        Api alice = api.as(Tokens.of("alice", "owned-url", "USER"));
        Api bob = api.as(Tokens.of("bob", "owned-url", "USER"));
        byte[] file = TEXT.getBytes(StandardCharsets.UTF_8);
        HttpServer files = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        files.createContext("/files/review.txt", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, file.length);
            exchange.getResponseBody().write(file);
            exchange.close();
        });
        files.start();
        try {
            Api.Response alices = processed(alice, alice.post("/api/documents", text(TEXT)));

            Api.Response bobs = processed(bob, bob.post("/api/documents", "{\"url\":\"http://127.0.0.1:"
                    + files.getAddress().getPort() + "/files/review.txt\"}"));
            Api.Response bobsAgain = bob.post("/api/documents", text(TEXT));

            assertEquals(alices.field("checksum"), bobs.field("checksum"), "the content's checksum, not a pending one");
            assertEquals(200, bobsAgain.status(), bobsAgain.text());
            assertEquals(bobs.field("id"), bobsAgain.field("id"), "bob's own downloaded document answers his text");
        } finally {
            files.stop(0);
        }
    }
}
