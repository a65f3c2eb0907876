package dev.tasklane.activities.document;

import dev.tasklane.store.Sql;
import dev.tasklane.workflows.document.CrossReference;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The document tables: content and text kept in parts, chunks staged and then published, links between chunks.
 * Every write replaces what an earlier attempt of the same stage wrote, so stages can be retried.
 */
@Singleton
public class DocumentStore {

    static final int CONTENT_PART = 256 * 1024;
    static final int TEXT_PART = 100_000;
    private static final int PAGE = 500;

    /** A chunk found near a query, with its cosine similarity to it. */
    public record Near(StoredChunk chunk, double score) {
    }

    private final Sql sql;
    private final TransactionOperations<Connection> transactions;
    private final PgVector pgVector;

    public DocumentStore(Sql sql, TransactionOperations<Connection> transactions, PgVector pgVector) {
        this.sql = sql;
        this.transactions = transactions;
        this.pgVector = pgVector;
    }

    /** Stores a new document with its content, read from {@code content} one part at a time. */
    @Transactional
    public void insert(DocumentRow row, InputStream content) throws IOException {
        sql.update("INSERT INTO document (id, tenant, owner, name, checksum, size_bytes, media_type, task_id, result_json,"
                        + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row.id(), row.tenant(), row.owner(),
                row.name(), row.checksum(), row.sizeBytes(), row.mediaType(), row.taskId(), row.resultJson(),
                row.createdAt());
        insertContent(row.id(), content);
    }

    /**
     * Replaces a document's content, size and declared type, as a download brings them; the checksum becomes the
     * content's unless the owner has a document with that content already (then it keeps the one it had). False, and
     * nothing stored, when the document is gone.
     */
    @Transactional
    public boolean replaceContent(String id, String checksum, long sizeBytes, @Nullable String mediaType,
                                  InputStream content) throws IOException {
        // the document's row first, so a document deleted meanwhile gets no content rows that nothing would remove
        if (sql.update("UPDATE document SET size_bytes = ?, media_type = COALESCE(media_type, ?) WHERE id = ?", sizeBytes,
                mediaType, id) == 0) {
            return false;
        }
        sql.update("DELETE FROM document_content WHERE document_id = ?", id);
        insertContent(id, content);
        sql.update("UPDATE document SET checksum = ? WHERE id = ? AND NOT EXISTS (SELECT 1 FROM document other"
                + " WHERE other.tenant = document.tenant AND other.owner = document.owner AND other.checksum = ?)",
                checksum, id, checksum);
        return true;
    }

    private void insertContent(String id, InputStream content) throws IOException {
        int part = 0;
        for (byte[] bytes = content.readNBytes(CONTENT_PART); bytes.length > 0 || part == 0;
             bytes = content.readNBytes(CONTENT_PART)) {
            sql.update("INSERT INTO document_content (document_id, part, bytes) VALUES (?, ?, ?)", id, part++, bytes);
            if (bytes.length < CONTENT_PART) {
                break;
            }
        }
    }

    @Transactional(readOnly = true)
    public Optional<DocumentRow> find(String id) {
        return one("SELECT * FROM document WHERE id = ?", id);
    }

    /** The document {@code owner} of {@code tenant} stored with this content, if any; another user's is not. */
    @Transactional(readOnly = true)
    public Optional<DocumentRow> findByChecksum(String tenant, String owner, String checksum) {
        return one("SELECT * FROM document WHERE tenant = ? AND owner = ? AND checksum = ?", tenant, owner, checksum);
    }

    /** Names the task that processes the document now. */
    @Transactional
    public void assignTask(String id, String taskId) {
        sql.update("UPDATE document SET task_id = ? WHERE id = ?", taskId, id);
    }

    /** The content, read one part at a time as the stream is consumed. */
    public InputStream content(String id) {
        return new SequenceInputStream(new Enumeration<>() {
            private int part;
            private byte[] next = contentPart(id, 0);

            private byte[] contentPart(String id, int part) {
                return transactions.executeRead(status -> readPart(id, part));
            }

            @Override
            public boolean hasMoreElements() {
                return next != null;
            }

            @Override
            public InputStream nextElement() {
                InputStream current = new ByteArrayInputStream(next);
                next = contentPart(id, ++part);
                return current;
            }
        });
    }

    private byte[] readPart(String id, int part) {
        return sql.first("SELECT bytes FROM document_content WHERE document_id = ? AND part = ?",
                row -> row.getBytes(1), id, part).orElse(null);
    }

    /** Replaces the document's extracted text. */
    @Transactional
    public void replaceText(String id, String extracted) {
        String text = storable(extracted);
        sql.update("DELETE FROM document_text WHERE document_id = ?", id);
        for (int part = 0; part * TEXT_PART < text.length() || part == 0; part++) {
            int from = part * TEXT_PART;
            sql.update("INSERT INTO document_text (document_id, part, text) VALUES (?, ?, ?)", id, part,
                    text.substring(from, Math.min(text.length(), from + TEXT_PART)));
        }
    }

    /** How many parts {@link #replaceText} stores for a text of {@code length} characters. */
    static long textParts(int length) {
        return Math.max(1, (length + (long) TEXT_PART - 1) / TEXT_PART);
    }

    /** Drops the extracted text from part {@code fromPart} on, for an extraction that starts or resumes there. */
    @Transactional
    public void truncateText(String id, int fromPart) {
        sql.update("DELETE FROM document_text WHERE document_id = ? AND part >= ?", id, fromPart);
    }

    /** Stores one more part of the extracted text. */
    @Transactional
    public void appendText(String id, int part, String text) {
        sql.update("INSERT INTO document_text (document_id, part, text) VALUES (?, ?, ?)", id, part, storable(text));
    }

    /** Text without NUL characters, which PostgreSQL's text columns refuse and no reader needs. */
    private static String storable(String text) {
        return text.indexOf('\u0000') < 0 ? text : text.replace("\u0000", "");
    }

    /** How many characters of text were extracted. */
    @Transactional(readOnly = true)
    public long textLength(String id) {
        return sql.number("SELECT COALESCE(SUM(LENGTH(text)), 0) FROM document_text WHERE document_id = ?", id);
    }

    /** The extracted text. */
    @Transactional(readOnly = true)
    public String text(String id) {
        StringBuilder text = new StringBuilder();
        sql.forEach("SELECT text FROM document_text WHERE document_id = ? ORDER BY part",
                row -> text.append(row.getString(1)), id);
        return text.toString();
    }

    /** Replaces the document's chunks with {@code chunks}, staged (invisible to search) and without vectors. */
    @Transactional
    public void replaceChunks(DocumentRow document, List<Chunker.Chunk> chunks) {
        String documentId = document.id();
        deleteLinksOf(documentId);
        sql.update("DELETE FROM document_chunk WHERE document_id = ?", documentId);
        sql.batch("INSERT INTO document_chunk (id, document_id, tenant, owner, seq, text, start_offset, end_offset,"
                + " embedding, published) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, FALSE)", chunks,
                chunk -> new Object[] {StoredChunk.idOf(documentId, chunk.seq()), documentId, document.tenant(),
                    document.owner(), chunk.seq(), chunk.text(), chunk.start(), chunk.end()});
    }

    /** Up to {@code limit} of the document's chunks that have no vector yet, in order. */
    @Transactional(readOnly = true)
    public List<StoredChunk> unembedded(String documentId, int limit) {
        return chunks("SELECT * FROM document_chunk WHERE document_id = ? AND embedding IS NULL ORDER BY seq LIMIT ?",
                documentId, limit);
    }

    /** Stores the chunks' vectors, made by {@code model}. */
    @Transactional
    public void saveEmbeddings(List<StoredChunk> chunks, List<float[]> vectors, String model) {
        boolean indexed = pgVector.on();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            rows.add(indexed ? new Object[] {bytes(vectors.get(i)), model, PgVector.literal(vectors.get(i)),
                chunks.get(i).id()} : new Object[] {bytes(vectors.get(i)), model, chunks.get(i).id()});
        }
        sql.batch("UPDATE document_chunk SET embedding = ?, embedding_model = ?"
                + (indexed ? ", embedding_vector = CAST(? AS vector)" : "") + " WHERE id = ?", rows, row -> row);
    }

    /** Makes up to {@code limit} staged chunks searchable; returns how many it published. */
    @Transactional
    public int publish(String documentId, int limit) {
        List<String> ids = sql.list("SELECT id FROM document_chunk WHERE document_id = ? AND published = FALSE"
                + " ORDER BY seq LIMIT ?", row -> row.getString(1), documentId, limit);
        sql.batch("UPDATE document_chunk SET published = TRUE WHERE id = ?", ids, id -> new Object[] {id});
        return ids.size();
    }

    /** A page of the document's chunks, in order. */
    @Transactional(readOnly = true)
    public List<StoredChunk> chunks(String documentId, int offset, int limit) {
        return chunks("SELECT * FROM document_chunk WHERE document_id = ? ORDER BY seq LIMIT ? OFFSET ?",
                documentId, limit, offset);
    }

    @Transactional(readOnly = true)
    public int chunkCount(String documentId) {
        return (int) sql.number("SELECT COUNT(*) FROM document_chunk WHERE document_id = ?", documentId);
    }

    /**
     * Hands the published chunks of the tenant, or of one {@code owner} of it, whose vectors {@code model} made to
     * {@code each} in id order, a page at a time, at most {@code atMost} of them; whether chunks were left unread at
     * that limit.
     */
    public boolean forEachPublished(String tenant, @Nullable String owner, String model, int atMost,
                                    Consumer<StoredChunk> each) {
        String after = "";
        int handed = 0;
        while (true) {
            String from = after;
            int size = Math.min(PAGE, atMost - handed + 1);
            List<StoredChunk> page = transactions.executeRead(status -> publishedPage(tenant, owner, model, from,
                    size));
            for (StoredChunk chunk : page) {
                if (handed == atMost) {
                    return true;
                }
                each.accept(chunk);
                handed++;
            }
            if (page.size() < size) {
                return false;
            }
            after = page.get(page.size() - 1).id();
        }
    }

    /**
     * The query of one page of published chunks, the tenant's or one owner's: ordered as {@code
     * ix_document_chunk_search} or {@code ix_document_chunk_owner_search} is, so a page comes off the index unsorted.
     */
    public static String publishedPageSql(boolean byOwner) {
        return byOwner
                ? "SELECT * FROM document_chunk WHERE tenant = ? AND owner = ? AND embedding_model = ?"
                        + " AND published = TRUE AND id > ? ORDER BY tenant, owner, embedding_model, published, id LIMIT ?"
                : "SELECT * FROM document_chunk WHERE tenant = ? AND embedding_model = ? AND published = TRUE"
                        + " AND id > ? ORDER BY tenant, embedding_model, published, id LIMIT ?";
    }

    private List<StoredChunk> publishedPage(String tenant, @Nullable String owner, String model, String after,
                                            int size) {
        return owner == null ? chunks(publishedPageSql(false), tenant, model, after, size)
                : chunks(publishedPageSql(true), tenant, owner, model, after, size);
    }

    /**
     * The {@code k} published chunks of the tenant, or of one {@code owner} of it, nearest {@code query} among the
     * configured model's vectors, nearest first, off the pgvector index (searched on past chunks the tenant or owner
     * filter drops, up to {@code candidates} of them); only while {@link PgVector#on()}.
     */
    public List<Near> nearest(String tenant, @Nullable String owner, float[] query, int k, int candidates) {
        String distance = pgVector.column() + " <=> CAST(? AS vector(" + query.length + "))";
        String literal = PgVector.literal(query);
        return transactions.executeRead(status -> {
            sql.update("SET LOCAL hnsw.iterative_scan = relaxed_order");
            sql.update("SET LOCAL hnsw.ef_search = " + Math.max(40, Math.min(1000, 2 * k)));
            sql.update("SET LOCAL hnsw.max_scan_tuples = " + candidates);
            List<Object> args = new ArrayList<>(List.of(literal, tenant));
            if (owner != null) {
                args.add(owner);
            }
            args.add(literal);
            args.add(k);
            return sql.list("SELECT * FROM (SELECT *, " + distance + " AS distance FROM document_chunk"
                    + " WHERE embedding_model = " + pgVector.modelLiteral() + " AND tenant = ?"
                    + (owner == null ? "" : " AND owner = ?") + " AND published = TRUE ORDER BY " + distance
                    + " LIMIT ?) nearest ORDER BY distance, id", row -> new Near(chunk(row), 1 - row.getDouble(
                            "distance")), args.toArray());
        });
    }

    /** How many published chunks of the tenant, or of one owner, have vectors of another model than {@code model}. */
    @Transactional(readOnly = true)
    public long publishedOfOtherModels(String tenant, @Nullable String owner, String model) {
        if (onlyVectorsOf(tenant, model)) {
            return 0;
        }
        return owner == null
                ? sql.number("SELECT COUNT(*) FROM document_chunk WHERE tenant = ? AND (embedding_model < ?"
                        + " OR embedding_model > ?) AND published = TRUE", tenant, model, model)
                : sql.number("SELECT COUNT(*) FROM document_chunk WHERE tenant = ? AND owner = ? AND (embedding_model"
                        + " < ? OR embedding_model > ?) AND published = TRUE", tenant, owner, model, model);
    }

    /** Whether a vector another model than {@code model} made is stored, of any tenant. */
    @Transactional(readOnly = true)
    public boolean anyOfOtherModels(String model) {
        return sql.list("SELECT DISTINCT tenant FROM document", row -> row.getString(1)).stream()
                .anyMatch(tenant -> !onlyVectorsOf(tenant, model));
    }

    /**
     * Whether every vector of the tenant is {@code model}'s, or it has none: its lowest and highest model name, one
     * entry of the search index each, where a condition on other models would read every entry of the tenant.
     */
    private boolean onlyVectorsOf(String tenant, String model) {
        return sql.first("SELECT embedding_model FROM document_chunk WHERE tenant = ? AND embedding_model > ''"
                        + " ORDER BY tenant, embedding_model LIMIT 1", row -> row.getString(1), tenant)
                .map(lowest -> lowest.equals(model) && sql.first("SELECT embedding_model FROM document_chunk"
                        + " WHERE tenant = ? AND embedding_model > '' ORDER BY tenant DESC, embedding_model DESC"
                        + " LIMIT 1", row -> row.getString(1), tenant).map(model::equals).orElse(true))
                .orElse(true);
    }

    /**
     * Up to {@code limit} chunks whose vectors another model than {@code model} made, in id order after {@code after}
     * (from the first when null).
     */
    @Transactional(readOnly = true)
    public List<StoredChunk> ofOtherModels(String model, @Nullable String after, int limit) {
        return chunks("SELECT * FROM document_chunk WHERE id > ? AND embedding IS NOT NULL AND embedding_model <> ?"
                + " ORDER BY id LIMIT ?", after == null ? "" : after, model, limit);
    }

    /** Whether the document went through linking and every one of its chunks has a vector of {@code model}. */
    @Transactional(readOnly = true)
    public boolean linkedWithVectorsOf(String documentId, String model) {
        return sql.number("SELECT COUNT(*) FROM document WHERE id = ? AND centroid IS NOT NULL", documentId) == 1
                && sql.number("SELECT COUNT(*) FROM document_chunk WHERE document_id = ? AND (embedding IS NULL"
                        + " OR embedding_model <> ?)", documentId, model) == 0;
    }

    /** Records the document's centroid of {@code model}'s vectors, making it a candidate for other documents' links. */
    @Transactional
    public void saveCentroid(String documentId, float[] centroid, String model) {
        sql.update("UPDATE document SET centroid = ?, centroid_model = ? WHERE id = ?", bytes(centroid), model,
                documentId);
    }

    /**
     * The centroids of {@code model}'s vectors of the owner's other processed documents, by document id; other users'
     * are never linked.
     */
    @Transactional(readOnly = true)
    public Map<String, float[]> centroids(String tenant, String owner, String exceptDocument, String model) {
        Map<String, float[]> centroids = new LinkedHashMap<>();
        sql.forEach("SELECT id, centroid FROM document WHERE tenant = ? AND owner = ? AND id <> ?"
                + " AND centroid_model = ?", row -> centroids.put(row.getString(1), vector(row.getBytes(2))), tenant,
                owner, exceptDocument, model);
        return centroids;
    }

    /** The published chunks of one document, in order. */
    @Transactional(readOnly = true)
    public List<StoredChunk> publishedChunks(String documentId) {
        return chunks("SELECT * FROM document_chunk WHERE document_id = ? AND published = TRUE ORDER BY seq",
                documentId);
    }

    /** Replaces the links from the document's chunks. */
    @Transactional
    public void replaceLinks(String documentId, List<ChunkLink> links) {
        sql.update("DELETE FROM document_link WHERE document_id = ?", documentId);
        sql.batch("INSERT INTO document_link (chunk_id, related_chunk_id, document_id, related_document_id, score)"
                + " VALUES (?, ?, ?, ?, ?)", links, link -> new Object[] {link.chunkId(), link.relatedChunkId(),
                    documentId, link.relatedDocumentId(), link.score()});
    }

    /** The documents linked to this one, most similar first. */
    @Transactional(readOnly = true)
    public List<CrossReference> crossReferences(String documentId) {
        return sql.list("SELECT related_document_id, MAX(score), COUNT(*) FROM document_link WHERE document_id = ?"
                + " GROUP BY related_document_id ORDER BY MAX(score) DESC",
                row -> new CrossReference(row.getString(1), row.getDouble(2), row.getInt(3)), documentId);
    }

    @Transactional
    public void recordResult(String id, String resultJson) {
        sql.update("UPDATE document SET result_json = ? WHERE id = ?", resultJson, id);
    }

    /** Removes what a pipeline run staged or published: text, chunks and links both ways; the document stays. */
    @Transactional
    public void discardDerived(String documentId) {
        deleteLinksOf(documentId);
        sql.update("UPDATE document SET centroid = NULL, centroid_model = NULL WHERE id = ?", documentId);
        sql.update("DELETE FROM document_chunk WHERE document_id = ?", documentId);
        sql.update("DELETE FROM document_text WHERE document_id = ?", documentId);
    }

    /** Removes the document and everything derived from it. */
    @Transactional
    public void delete(String id) {
        discardDerived(id);
        sql.update("DELETE FROM document_content WHERE document_id = ?", id);
        sql.update("DELETE FROM document WHERE id = ?", id);
    }

    private void deleteLinksOf(String documentId) {
        sql.update("DELETE FROM document_link WHERE document_id = ? OR related_document_id = ?", documentId, documentId);
    }

    private Optional<DocumentRow> one(String query, Object... args) {
        return sql.first(query, row -> new DocumentRow(row.getString("id"), row.getString("tenant"),
                row.getString("owner"), row.getString("name"), row.getString("checksum"), row.getLong("size_bytes"),
                row.getString("media_type"), row.getString("task_id"), row.getString("result_json"),
                Sql.instant(row, "created_at")), args);
    }

    private List<StoredChunk> chunks(String query, Object... args) {
        return sql.list(query, DocumentStore::chunk, args);
    }

    private static StoredChunk chunk(ResultSet row) throws SQLException {
        byte[] embedding = row.getBytes("embedding");
        return new StoredChunk(row.getString("id"), row.getString("document_id"), row.getInt("seq"),
                row.getString("text"), row.getLong("start_offset"), row.getLong("end_offset"),
                embedding == null ? null : vector(embedding));
    }

    /** {@code vector} as the store keeps it: its floats, little-endian. */
    public static byte[] bytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    static float[] vector(byte[] bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }
}
