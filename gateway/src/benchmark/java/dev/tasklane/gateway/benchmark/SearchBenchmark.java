package dev.tasklane.gateway.benchmark;

import dev.tasklane.activities.document.DocumentStore;
import dev.tasklane.activities.document.EmbeddingProvider;
import dev.tasklane.activities.document.PgVector;
import dev.tasklane.gateway.document.DocumentSearch;
import dev.tasklane.gateway.security.Caller;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Document search latency over 10,000 and then 100,000 published chunks of one tenant: on H2 (the scan) and, with
 * {@code TASKLANE_TEST_POSTGRES_URL} set and pgvector installed there, on PostgreSQL (the HNSW index). Chunk vectors
 * are the real model's vectors of texts mixed from the retrieval set's sentences, each varied by a little noise so the
 * chunks cluster by topic as a real tenant's do; the queries are the retrieval set's 50 paraphrases, each search timed
 * through {@link DocumentSearch} with its query embedding.
 */
public final class SearchBenchmark {

    private static final int[] SIZES = java.util.Arrays.stream(System.getProperty("benchmark.search.sizes",
            "10000,100000").split(",")).mapToInt(Integer::parseInt).toArray();
    private static final int POOL = 600;
    private static final int ROUNDS = 4;
    private static final String MODEL = "all-minilm-l6-v2-q";

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("tasklane-search-benchmark");
        run("H2 (scan)", "jdbc:h2:file:" + dir.resolve("search"), "sa", "");
        String postgres = System.getenv("TASKLANE_TEST_POSTGRES_URL");
        if (postgres != null) {
            run("PostgreSQL", postgres, System.getenv().getOrDefault("TASKLANE_TEST_POSTGRES_USER", "tasklane"),
                    System.getenv().getOrDefault("TASKLANE_TEST_POSTGRES_PASSWORD", "tasklane"));
        } else {
            System.out.println("search on PostgreSQL: skipped (TASKLANE_TEST_POSTGRES_URL is not set)");
        }
        System.exit(0);
    }

    private static void run(String store, String url, String user, String password) throws Exception {
        Map<String, Object> settings = new HashMap<>(Map.of("datasources.default.url", url,
                "datasources.default.username", user, "datasources.default.password", password,
                "tasklane.role", "gateway", "tasklane.documents.search.max-chunks", 200_000,
                "flyway.datasources.default.clean-schema", true, "tasklane.schedules.defaults.cleanup", false,
                "tasklane.schedules.defaults.analytics", false,
                "tasklane.security.jwt-secret", CatalogListBenchmark.randomKey(),
                "tasklane.security.encryption-key", CatalogListBenchmark.randomKey()));
        try (ApplicationContext context = ApplicationContext.run(settings)) {
            EmbeddingProvider embeddings = context.getBean(EmbeddingProvider.class);
            DocumentSearch search = context.getBean(DocumentSearch.class);
            JsonNode set = retrievalSet();
            List<String> queries = new ArrayList<>();
            set.get("queries").values().forEach(query -> queries.add(query.get("query").getStringValue()));
            List<String> texts = poolTexts(set);
            long embedStarted = System.nanoTime();
            List<float[]> vectors = embeddings.embed(texts);
            System.out.printf(Locale.ROOT, "%s: embedded %d pool texts in %.1f s%n", store, texts.size(),
                    (System.nanoTime() - embedStarted) / 1e9);
            Caller caller = new Caller("bench", "bench", Set.of("MANAGER"));
            int stored = 0;
            try (Connection connection = DriverManager.getConnection(url, user, password)) {
                boolean pgVector = url.startsWith("jdbc:postgresql:");
                for (int size : SIZES) {
                    long fillStarted = System.nanoTime();
                    fill(connection, stored, size, texts, vectors, pgVector);
                    System.out.printf(Locale.ROOT, "%s: stored chunks %,d to %,d in %.1f s%n", store, stored, size,
                            (System.nanoTime() - fillStarted) / 1e9);
                    stored = size;
                    if (pgVector) {
                        // the statistics autovacuum keeps in a running database, so the planner sees the table
                        try (var analyze = connection.createStatement()) {
                            analyze.execute("ANALYZE document_chunk");
                        }
                        connection.commit();
                    }
                    time(store, size, search, caller, queries);
                }
            }
        }
    }

    private static void time(String store, int size, DocumentSearch search, Caller caller, List<String> queries) {
        for (int warm = 0; warm < 10; warm++) {
            search.search(queries.get(warm), 10, caller);
        }
        List<Long> micros = new ArrayList<>();
        String method = null;
        for (int round = 0; round < ROUNDS; round++) {
            for (String query : queries) {
                long started = System.nanoTime();
                DocumentSearch.Found found = search.search(query, 10, caller);
                micros.add((System.nanoTime() - started) / 1000);
                method = found.method();
                if (found.items().size() != 10 || found.truncated()) {
                    throw new IllegalStateException("a search found " + found.items().size() + " chunks");
                }
            }
        }
        Collections.sort(micros);
        System.out.printf(Locale.ROOT, "%s, %,d chunks, %s: %d searches, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                store, size, method, micros.size(), micros.get(micros.size() / 2) / 1000.0,
                micros.get((int) Math.ceil(micros.size() * 0.99) - 1) / 1000.0, micros.get(micros.size() - 1) / 1000.0);
    }

    /** Texts of three sentences from different documents of the retrieval set, so topics mix as in real chunks. */
    private static List<String> poolTexts(JsonNode set) {
        List<List<String>> sentences = new ArrayList<>();
        set.get("documents").values().forEach(document -> sentences.add(List.of(document.get("text").getStringValue()
                .split("(?<=\\.) "))));
        Random random = new Random(11);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < POOL; i++) {
            StringBuilder text = new StringBuilder();
            for (int part = 0; part < 3; part++) {
                List<String> document = sentences.get(part == 0 ? i % sentences.size()
                        : random.nextInt(sentences.size()));
                text.append(document.get(random.nextInt(document.size()))).append(' ');
            }
            texts.add(text.toString().strip());
        }
        return texts;
    }

    /** Stores chunks {@code from} to {@code to} (ten to a document), each a pool text with its vector varied. */
    private static void fill(Connection connection, int from, int to, List<String> texts, List<float[]> vectors,
                             boolean pgVector) throws Exception {
        Random random = new Random(from);
        connection.setAutoCommit(false);
        try (PreparedStatement document = connection.prepareStatement("INSERT INTO document (id, tenant, owner, name,"
                + " checksum, size_bytes, created_at) VALUES (?, 'bench', 'bench', ?, ?, 1, ?)");
             PreparedStatement chunk = connection.prepareStatement("INSERT INTO document_chunk (id, document_id,"
                     + " tenant, owner, seq, text, start_offset, end_offset, embedding, embedding_model, published"
                     + (pgVector ? ", embedding_vector" : "") + ") VALUES (?, ?, 'bench', 'bench', ?, ?, 0, 1, ?, '"
                     + MODEL + "', TRUE" + (pgVector ? ", CAST(? AS vector)" : "") + ")")) {
            for (int i = from; i < to; i++) {
                String documentId = String.format(Locale.ROOT, "doc-bench-%06d", i / 10);
                if (i % 10 == 0) {
                    document.setString(1, documentId);
                    document.setString(2, documentId);
                    document.setString(3, documentId);
                    document.setObject(4, Instant.now().atOffset(ZoneOffset.UTC));
                    document.addBatch();
                }
                int pick = random.nextInt(texts.size());
                float[] vector = varied(vectors.get(pick), random);
                chunk.setString(1, documentId + "#" + i % 10);
                chunk.setString(2, documentId);
                chunk.setInt(3, i % 10);
                chunk.setString(4, texts.get(pick));
                chunk.setBytes(5, DocumentStore.bytes(vector));
                if (pgVector) {
                    chunk.setString(6, PgVector.literal(vector));
                }
                chunk.addBatch();
                if (i % 1000 == 999) {
                    document.executeBatch();
                    chunk.executeBatch();
                    connection.commit();
                }
            }
            document.executeBatch();
            chunk.executeBatch();
            connection.commit();
        }
    }

    private static float[] varied(float[] vector, Random random) {
        float[] varied = new float[vector.length];
        for (int d = 0; d < vector.length; d++) {
            varied[d] = vector[d] + (float) (random.nextGaussian() * 0.02);
        }
        return EmbeddingProvider.normalise(varied);
    }

    private static JsonNode retrievalSet() throws Exception {
        try (InputStream set = SearchBenchmark.class.getResourceAsStream("/retrieval/set.json")) {
            return JsonMapper.createDefault().readValue(set.readAllBytes(), JsonNode.class);
        }
    }
}
