package dev.tasklane.gateway.document;

import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Tokens;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On PostgreSQL with pgvector, search reads the HNSW index, not every chunk; it still finds the caller's chunks when
 * another tenant's far outnumber them near the query, and never returns those. (A table this small would be scanned
 * by the planner's choice; with scans off, the plan shows the index serves the model's nearest-first order.)
 */
@MicronautTest
class PgVectorSearchTest extends ApiWithReceiverTest {

    @Value("${datasources.default.url}")
    String storeUrl;
    @Inject
    JdbcOperations jdbc;

    @BeforeEach
    void onPostgresWithPgVector() {
        Assumptions.assumeTrue(storeUrl.startsWith("jdbc:postgresql:"), "pgvector is PostgreSQL's");
    }

    @Test
    void theIndexAnswersAndKeepsToTheCallersTenant() {
        Api crowd = api.as(Tokens.of("crowd-writer", "crowded", "USER"));
        Api few = api.as(Tokens.of("few-writer", "sparse", "USER"));
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            tasks.add(crowd.post("/api/documents", "{\"text\":\"Volcano report " + i + ". Magma rose under the"
                    + " mountain and the eruption sent lava and ash over the valley; seismometers recorded tremors"
                    + " for days before the blast.\"}").json().get("task").get("id").getStringValue());
        }
        Api.Response own = few.post("/api/documents", "{\"text\":\"A short note on a burning peak: the crater glowed"
                + " and rivers of molten rock ran down its side.\"}");
        tasks.forEach(task -> crowd.awaitStatus(task, "COMPLETED"));
        few.awaitStatus(own.json().get("task").get("id").getStringValue(), "COMPLETED");

        JsonNode found = few.get("/api/documents/search?q=volcanic%20eruption&k=3").json();
        assertEquals(DocumentSearch.INDEX, found.get("method").getStringValue(), found.toString());
        assertEquals(1, found.get("items").size(), "the one chunk of its own, past the crowd's: " + found);
        assertEquals(own.field("id"), found.get("items").get(0).get("documentId").getStringValue());
        JsonNode crowded = crowd.get("/api/documents/search?q=volcanic%20eruption&k=5").json();
        assertEquals(5, crowded.get("items").size(), crowded.toString());
        crowded.get("items").values().forEach(item -> assertTrue(item.get("text").getStringValue()
                .startsWith("Volcano report"), item.toString()));

        jdbc.prepareStatement("SET LOCAL enable_seqscan = off", statement -> statement.executeUpdate());
        String plan = jdbc.prepareStatement("EXPLAIN SELECT id FROM document_chunk WHERE embedding_model"
                + " = 'all-minilm-l6-v2-q' ORDER BY (embedding_vector::vector(384)) <=> (SELECT"
                + " embedding_vector::vector(384) FROM document_chunk LIMIT 1) LIMIT 3", statement -> {
                    ResultSet rows = statement.executeQuery();
                    StringBuilder text = new StringBuilder();
                    while (rows.next()) {
                        text.append(rows.getString(1)).append('\n');
                    }
                    return text.toString();
                });
        assertTrue(plan.contains("Index Scan using ix_document_chunk_hnsw_"), plan);
    }
}
