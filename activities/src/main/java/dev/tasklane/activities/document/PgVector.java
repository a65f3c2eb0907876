package dev.tasklane.activities.document;

import dev.tasklane.store.Sql;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The pgvector index of chunk vectors, on PostgreSQL when the {@code vector} extension is installed or may be: a
 * {@code vector} column beside the stored bytes and an HNSW index (cosine) of the configured model's vectors, made
 * with the first bean that stores or searches chunks and filled for vectors stored before. Elsewhere (H2, or
 * PostgreSQL without the extension) it is off and search scans, saying so.
 */
@Singleton
public class PgVector {

    private static final Logger LOG = LoggerFactory.getLogger(PgVector.class);
    private static final int FILL_BATCH = 500;
    /** The advisory lock the index's statements run under. */
    private static final long DDL_LOCK = 0x7461736b6c766563L;

    private final Sql sql;
    private final TransactionOperations<Connection> transactions;
    private final EmbeddingProvider embeddings;
    private final boolean postgres;
    private volatile boolean on;

    public PgVector(Sql sql, TransactionOperations<Connection> transactions, EmbeddingProvider embeddings,
                    @Value("${datasources.default.url}") String storeUrl) {
        this.sql = sql;
        this.transactions = transactions;
        this.embeddings = embeddings;
        this.postgres = storeUrl.startsWith("jdbc:postgresql:");
    }

    /** Makes the column and index when the store is PostgreSQL: before any activity can store a vector through it. */
    @PostConstruct
    void prepare() {
        if (!postgres) {
            return;
        }
        try {
            transactions.executeWrite(status -> {
                // processes starting together take turns, so none sees another's half-made index as a failure
                sql.list("SELECT pg_advisory_xact_lock(" + DDL_LOCK + ")", row -> row.getObject(1));
                sql.update("CREATE EXTENSION IF NOT EXISTS vector");
                sql.update("ALTER TABLE document_chunk ADD COLUMN IF NOT EXISTS embedding_vector vector");
                sql.update("CREATE INDEX IF NOT EXISTS " + indexName() + " ON document_chunk USING hnsw (("
                        + column() + ") vector_cosine_ops) WHERE embedding_model = " + modelLiteral());
                return null;
            });
        } catch (RuntimeException unavailable) {
            LOG.warn("pgvector is not available ({}); document search scans the chunks instead of an index. Install"
                    + " the extension and run CREATE EXTENSION vector as a superuser to index them",
                    unavailable.getMessage());
            return;
        }
        on = true;
        int filled;
        do {
            filled = transactions.executeWrite(status -> fill());
        } while (filled == FILL_BATCH);
    }

    /** Whether chunk vectors are indexed by pgvector. */
    public boolean on() {
        return on;
    }

    /** The indexed expression: the column cast to the model's dimensions. */
    String column() {
        return "(embedding_vector::vector(" + embeddings.dimensions() + "))";
    }

    /** {@code vector} as pgvector's text form, for a parameter cast to {@code vector}. */
    public static String literal(float[] vector) {
        StringBuilder text = new StringBuilder(vector.length * 12).append('[');
        for (int i = 0; i < vector.length; i++) {
            text.append(i == 0 ? "" : ",").append(vector[i]);
        }
        return text.append(']').toString();
    }

    /**
     * The configured model's name as an SQL literal, so the planner sees the partial index's condition in a query
     * (a bound parameter would hide it).
     */
    String modelLiteral() {
        return "'" + embeddings.model().replace("'", "''") + "'";
    }

    private String indexName() {
        return "ix_document_chunk_hnsw_" + Integer.toHexString(embeddings.model().hashCode()).toLowerCase(Locale.ROOT);
    }

    /** Copies a batch of the model's stored vectors that have none in the column yet; how many. */
    private int fill() {
        List<Object[]> rows = new ArrayList<>();
        sql.forEach("SELECT id, embedding FROM document_chunk WHERE embedding_model = ? AND embedding_vector IS NULL"
                + " LIMIT " + FILL_BATCH, row -> rows.add(new Object[] {literal(DocumentStore.vector(row.getBytes(2))),
                    row.getString(1)}), embeddings.model());
        sql.batch("UPDATE document_chunk SET embedding_vector = CAST(? AS vector) WHERE id = ?", rows, row -> row);
        if (!rows.isEmpty()) {
            LOG.info("indexed {} stored vectors with pgvector", rows.size());
        }
        return rows.size();
    }
}
