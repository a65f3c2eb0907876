package dev.tasklane.gateway.document;

import dev.tasklane.activities.document.DocumentStore;
import dev.tasklane.activities.document.EmbeddingProvider;
import dev.tasklane.activities.document.HashingEmbeddingProvider;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Await;
import dev.tasklane.gateway.support.Tokens;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A search compares only the caller's own chunks (a MANAGER's: the tenant's), page by page off an index, at most
 * {@code max-chunks} of them, saying so when it stopped there; and one user runs only so many searches at once.
 */
@MicronautTest
@Property(name = "tasklane.documents.search.max-chunks", value = "6")
@Property(name = "tasklane.documents.search.max-concurrent-per-caller", value = "1")
class DocumentSearchBoundsTest extends ApiWithReceiverTest {

    /** A query with this text waits in the embedding provider until the test releases it. */
    private static final String HELD = "held query";

    private static final AtomicInteger HELD_QUERIES = new AtomicInteger();
    private static final CountDownLatch RELEASE = new CountDownLatch(1);

    @Value("${datasources.default.url}")
    String storeUrl;
    @Inject
    JdbcOperations jdbc;

    @MockBean(EmbeddingProvider.class)
    EmbeddingProvider holdingEmbeddings() {
        HashingEmbeddingProvider local = new HashingEmbeddingProvider();
        return new EmbeddingProvider() {
            @Override
            public List<float[]> embed(List<String> texts) {
                if (texts.equals(List.of(HELD))) {
                    HELD_QUERIES.incrementAndGet();
                    try {
                        RELEASE.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return local.embed(texts);
            }

            @Override
            public int dimensions() {
                return local.dimensions();
            }

            @Override
            public String model() {
                return local.model();
            }
        };
    }

    @Test
    void aUsersSearchComparesOnlyTheirOwnChunksNotTheTenants() {
        Api alice = api.as(Tokens.of("alice-1", Tokens.TENANT, "USER"));
        Api bob = api.as(Tokens.of("bob-1", Tokens.TENANT, "USER"));
        int aliceChunks = storeDocument(alice, sentences("Alice writes about invoices and amounts due", 12));
        int bobChunks = storeDocument(bob, sentences("Bob writes about contracts and their termination", 2));
        assertTrue(aliceChunks > 6 && bobChunks <= 6, aliceChunks + " and " + bobChunks + " chunks");

        JsonNode found = bob.get("/api/documents/search?q=invoices%20amounts%20due&k=100").json();

        assertEquals(bobChunks, found.get("examinedChunks").getIntValue(), found.toString());
        assertFalse(found.get("truncated").getBooleanValue(), found.toString());
        assertEquals(bobChunks, found.get("items").size());
        found.get("items").values().forEach(item ->
                assertTrue(item.get("text").getStringValue().startsWith("Bob"), item.toString()));
    }

    @Test
    void aSearchStopsAtTheChunkLimitAndSaysItWasTruncated() {
        Api carol = api.as(Tokens.of("carol-1", Tokens.TENANT, "USER"));
        int chunks = storeDocument(carol, sentences("Carol keeps notes about quarterly results", 12));
        assertTrue(chunks > 6, chunks + " chunks");

        JsonNode own = carol.get("/api/documents/search?q=quarterly%20results&k=3").json();
        Assumptions.assumeTrue(DocumentSearch.SCAN.equals(own.get("method").getStringValue()),
                "a scan stops at the chunk limit; pgvector's index reads at most that many entries, which it does not"
                        + " count");
        JsonNode tenant = api.as(Tokens.of("dave-1", Tokens.TENANT, "MANAGER"))
                .get("/api/documents/search?q=quarterly%20results&k=3").json();

        assertEquals(6, own.get("examinedChunks").getIntValue(), own.toString());
        assertTrue(own.get("truncated").getBooleanValue(), own.toString());
        assertEquals(3, own.get("items").size(), "what the examined chunks gave: " + own);
        assertEquals(6, tenant.get("examinedChunks").getIntValue(), tenant.toString());
        assertTrue(tenant.get("truncated").getBooleanValue(), tenant.toString());
    }

    @Test
    void aUserRunningAsManySearchesAsTheyMayIsToldToRetryWhileOthersStillSearch() throws Exception {
        Api erin = api.as(Tokens.of("erin-1", Tokens.TENANT, "USER"));
        Api frank = api.as(Tokens.of("frank-1", Tokens.TENANT, "USER"));
        CompletableFuture<Api.Response> held = CompletableFuture.supplyAsync(
                () -> erin.get("/api/documents/search?q=held%20query"));
        Await.until("the first search to be running", Duration.ofSeconds(10), HELD_QUERIES::get, count -> count == 1);

        Api.Response second = erin.get("/api/documents/search?q=anything");
        Api.Response others = frank.get("/api/documents/search?q=anything");
        RELEASE.countDown();

        assertEquals(429, second.status(), second.text());
        assertEquals("application/problem+json", second.contentType());
        assertEquals("1", second.header("Retry-After"));
        assertTrue(second.text().contains("max-concurrent-per-caller"), second.text());
        assertEquals(200, others.status(), "another user's search is not held up: " + others.text());
        assertEquals(200, held.get(30, TimeUnit.SECONDS).status());
        assertEquals(200, erin.get("/api/documents/search?q=anything").status(), "the slot is free again");
    }

    @Test
    void aPageOfChunksIsReadStraightOffAnIndexInItsOrder() {
        Assumptions.assumeTrue(storeUrl.startsWith("jdbc:h2:"), "the plan read here is H2's");
        for (boolean byOwner : List.of(true, false)) {
            String plan = jdbc.prepareStatement("EXPLAIN " + DocumentStore.publishedPageSql(byOwner), statement -> {
                ResultSet result = statement.executeQuery();
                result.next();
                return result.getString(1);
            });
            String index = byOwner ? "IX_DOCUMENT_CHUNK_OWNER_SEARCH" : "IX_DOCUMENT_CHUNK_SEARCH";
            assertTrue(plan.contains(index + ":"), plan);
            assertTrue(plan.contains("index sorted"), "no sort of the matching chunks: " + plan);
        }
    }

    /** Stores a document of {@code text} cut into 200-character chunks; how many chunks it has. */
    private static int storeDocument(Api as, String text) {
        Api.Response submitted = as.post("/api/documents", """
                {"text":"%s","chunkSize":200,"chunkOverlap":0}""".formatted(text));
        assertEquals(202, submitted.status(), submitted.text());
        as.awaitStatus(submitted.json().get("task").get("id").getStringValue(), "COMPLETED");
        return as.get("/api/documents/" + submitted.field("id")).json().get("result").get("chunkCount").getIntValue();
    }

    /** {@code count} sentences of about 150 characters, each its own 200-character chunk. */
    private static String sentences(String subject, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            text.append(subject).append(", part ").append(i)
                    .append(", with more words so that the sentence fills most of one chunk by itself alone. ");
        }
        return text.toString();
    }
}
