package dev.tasklane.gateway.document;

import dev.tasklane.activities.document.DocumentRow;
import dev.tasklane.activities.document.DocumentStore;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.gateway.tasks.SubmissionReader;
import dev.tasklane.gateway.tasks.TaskSubmitter;
import dev.tasklane.gateway.tasks.ValidSubmission;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Takes a document in: stores its content once per owner (the same bytes again from the same user answer the
 * document they stored before; another user of the tenant gets a document of their own) and submits the pipeline
 * task for it. The options are checked before anything is stored, and a submission that is refused removes the
 * document again, so no half-taken document remains.
 */
@Singleton
public class DocumentIntake {

    private static final int LONGEST_NAME = 500;
    private static final int LONGEST_MEDIA_TYPE = 200;
    /** The checksum of a document until its download brings the content: unique, as an owner's checksums are. */
    private static final String PENDING_CHECKSUM = "pending:";

    /** A document taken in: the stored row, its task, and whether the content was new. */
    public record Intake(DocumentRow document, TaskSubmitter.Submitted submitted, boolean created) {
    }

    private final DocumentStore documents;
    private final SubmissionReader reader;
    private final TaskSubmitter submitter;
    private final Clock clock;

    public DocumentIntake(DocumentStore documents, SubmissionReader reader, TaskSubmitter submitter, Clock clock) {
        this.documents = documents;
        this.reader = reader;
        this.submitter = submitter;
        this.clock = clock;
    }

    /**
     * Stores {@code content} and starts its pipeline with {@code options} (the pipeline payload's fields besides
     * the document id, plus {@code priority}); answers the earlier document when the caller stored the same bytes.
     */
    public Intake take(Upload content, @Nullable String name, @Nullable String mediaType,
                       Map<String, JsonNode> options, Caller caller) {
        String id = "doc-" + UUID.randomUUID();
        ValidSubmission submission = reader.read(envelope(id, options), null);
        Stored stored = store(id, content, name, mediaType, caller);
        if (!stored.created()) {
            return new Intake(stored.document(), null, false);
        }
        return submit(id, submission, caller);
    }

    /**
     * Stores a document without content yet and starts its pipeline, which downloads {@code url} first; the URL was
     * checked under the outbound destination rules.
     */
    public Intake takeFromUrl(String url, @Nullable String name, @Nullable String mediaType,
                              Map<String, JsonNode> options, Caller caller) {
        String id = "doc-" + UUID.randomUUID();
        Map<String, JsonNode> withSource = new LinkedHashMap<>(options);
        withSource.put("sourceUrl", JsonNode.createStringNode(url));
        ValidSubmission submission = reader.read(envelope(id, withSource), null);
        DocumentRow row = new DocumentRow(id, caller.tenant(), caller.subject(), printable(name, LONGEST_NAME),
                PENDING_CHECKSUM + id, 0, printable(mediaType, LONGEST_MEDIA_TYPE), null, null,
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        try {
            documents.insert(row, InputStream.nullInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return submit(id, submission, caller);
    }

    /** Submits the pipeline of a document this call stored; a refused submission removes the document again. */
    private Intake submit(String id, ValidSubmission submission, Caller caller) {
        TaskSubmitter.Submitted submitted;
        try {
            submitted = submitter.submit(submission, caller);
        } catch (RuntimeException refused) {
            documents.delete(id);
            throw refused;
        }
        documents.assignTask(id, submitted.task().id());
        return new Intake(documents.find(id).orElseThrow(), submitted, true);
    }

    /** A stored document, and whether this call stored it (false: the caller had stored the same bytes already). */
    public record Stored(DocumentRow document, boolean created) {
    }

    /** Stores {@code content} as a new document under {@code id}, unless the caller stored the same bytes before. */
    public Stored store(String id, Upload content, @Nullable String name, @Nullable String mediaType, Caller caller) {
        String checksum = sha256(content);
        name = printable(name, LONGEST_NAME);
        mediaType = printable(mediaType, LONGEST_MEDIA_TYPE);
        Optional<DocumentRow> earlier = documents.findByChecksum(caller.tenant(), caller.subject(), checksum);
        if (earlier.isPresent()) {
            return new Stored(earlier.get(), false);
        }
        DocumentRow row = new DocumentRow(id, caller.tenant(), caller.subject(), name, checksum, content.size(),
                mediaType, null, null, clock.instant().truncatedTo(ChronoUnit.MICROS));
        try (InputStream bytes = content.open()) {
            documents.insert(row, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DataAccessException sameContentMeanwhile) {
            return documents.findByChecksum(caller.tenant(), caller.subject(), checksum)
                    .map(d -> new Stored(d, false)).orElseThrow(() -> sameContentMeanwhile);
        }
        return new Stored(row, true);
    }

    /** A label without control characters, cut to what its column holds; null stays null. */
    @Nullable
    private static String printable(@Nullable String label, int longest) {
        if (label == null) {
            return null;
        }
        String clean = label.replaceAll("\\p{Cntrl}", "").strip();
        return clean.length() > longest ? clean.substring(0, longest) : clean;
    }

    /** The pipeline submission for a stored document with {@code options}. */
    public static JsonNode pipelineSubmission(String documentId, Map<String, JsonNode> options) {
        return envelope(documentId, options);
    }

    private static JsonNode envelope(String documentId, Map<String, JsonNode> options) {
        Map<String, JsonNode> payload = new LinkedHashMap<>();
        Map<String, JsonNode> envelope = new LinkedHashMap<>();
        payload.put("documentId", JsonNode.createStringNode(documentId));
        options.forEach((field, value) -> (field.equals("priority") ? envelope : payload).put(field, value));
        envelope.put("type", JsonNode.createStringNode("document-pipeline"));
        envelope.put("payload", JsonNode.createObjectNode(payload));
        return JsonNode.createObjectNode(envelope);
    }

    private static String sha256(Upload content) {
        try (InputStream bytes = content.open()) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int read = bytes.read(buffer); read >= 0; read = bytes.read(buffer)) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
