package dev.tasklane.gateway.document;

import dev.tasklane.activities.testing.SampleDocuments;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A PDF is as long as its page tree, not its declared page count, and one past the page limit fails its task. */
@MicronautTest
@Property(name = "tasklane.documents.max-pages", value = "20")
class DocumentBoundsTest extends ApiWithReceiverTest {

    private static final String PDF = "application/pdf";

    @Test
    void aPdfWithMorePagesThanTheLimitFailsItsTaskNamingTheLimit() {
        Api.Response uploaded = api.upload("/api/documents", "long.pdf", PDF, SampleDocuments.pdf(pages(25)), Map.of());

        assertEquals(202, uploaded.status(), uploaded.text());
        Api.Response failed = api.awaitStatus(uploaded.json().get("task").get("id").getStringValue(), "FAILED");
        JsonNode error = failed.json().get("error");
        assertEquals("UnprocessableDocument", error.get("type").getStringValue(), failed.text());
        assertEquals("the document has more than 20 pages (tasklane.documents.max-pages)",
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

    private static List<String> pages(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(n -> "Page " + n + " of the agreement between the parties,"
                + " with the clause on liability and the payment terms they accept.").toList();
    }
}
