package dev.tasklane.gateway.document;

import dev.tasklane.activities.document.ContentFile;
import dev.tasklane.activities.document.DocumentStore;
import dev.tasklane.gateway.batch.BatchSubmitter;
import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.gateway.openapi.BodyProblems;
import dev.tasklane.gateway.openapi.CommonProblems;
import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.problem.ProblemException;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.gateway.security.Roles;
import dev.tasklane.gateway.tasks.PayloadSchema;
import dev.tasklane.gateway.tasks.TaskView;
import dev.tasklane.gateway.tasks.TaskViews;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.multipart.CompletedPart;
import io.micronaut.http.server.multipart.MultipartBody;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code POST /api/documents/bulk}: many documents taken in at once and processed as one batch, each document's
 * pipeline a child task.
 */
@Tag(name = "documents")
@CommonProblems
@Controller("/api/documents")
@Secured(Roles.USER)
@ServesApi
@ExecuteOn(TaskExecutors.BLOCKING)
public class DocumentBulkController {

    private static final int MOST_DOCUMENTS = 1000;
    private static final PayloadSchema BODY = PayloadSchema.of(DocumentBulkSubmission.class);
    private static final Set<String> PIPELINE_OPTIONS = Set.of("chunkSize", "chunkOverlap", "categoryHints", "review",
            "reviewHours");

    /** One document of the bulk: the stored document and the child task that processes it. */
    @Serdeable
    public record BulkItem(int index, String documentId, boolean duplicate, @Nullable String taskId) {
    }

    /** The batch (none when every document was stored before) and its documents. */
    @Serdeable
    public record BulkView(@Nullable TaskView batch, List<BulkItem> documents) {
    }

    private final DocumentIntake intake;
    private final DocumentStore documents;
    private final BatchSubmitter batches;
    private final TaskViews views;

    public DocumentBulkController(DocumentIntake intake, DocumentStore documents, BatchSubmitter batches,
                                  TaskViews views) {
        this.intake = intake;
        this.documents = documents;
        this.batches = batches;
        this.views = views;
    }

    /**
     * Body {@code {documents: [{text, name?, mediaType?}…], chunkSize?, chunkOverlap?, categoryHints?, priority?,
     * concurrency?, onFailure?}}: 202 with the batch and, per document, its id and child task.
     */
    @Operation(operationId = "submitDocuments", summary = "Submits several documents by text or URL as one batch.")
    @ApiResponse(
            responseCode = "202",
            description = "The batch and, per document, its id and task.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = BulkView.class)))
    @BodyProblems
    @RequestBody(description = "The documents and how to process them.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "#/components/schemas/DocumentBulkSubmission")))
    @Post("/bulk")
    public HttpResponse<BulkView> bulk(@Body JsonNode body, Authentication authentication) {
        BODY.require(body);
        JsonNode list = body.get("documents");
        if (list.size() == 0 || list.size() > MOST_DOCUMENTS) {
            throw ProblemException.invalid("documents", "must be an array of 1-" + MOST_DOCUMENTS
                    + " documents {text, name?, mediaType?}");
        }
        FieldErrors errors = new FieldErrors();
        List<Incoming> incoming = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode document = list.get(i);
            JsonNode text = document.isObject() ? document.get("text") : null;
            String mediaType = text(document, "mediaType");
            if (text == null || !text.isString() || text.getStringValue().isBlank()) {
                errors.add("documents[" + i + "].text", "the document's text is required, as a non-empty string");
            } else if (!UploadCheck.isReadableText(text.getStringValue())) {
                errors.add("documents[" + i + "].text", UploadCheck.UNREADABLE_TEXT);
            } else if (mediaType != null && !DeclaredMediaType.isWellFormed(mediaType)) {
                errors.add("documents[" + i + "].mediaType", "is not a well-formed media type; send "
                        + DeclaredMediaType.EXPECTED);
            } else {
                incoming.add(new Incoming(Upload.of(text.getStringValue().getBytes(StandardCharsets.UTF_8)),
                        text(document, "name"), mediaType));
            }
        }
        errors.throwIfAny();
        Map<String, JsonNode> options = new LinkedHashMap<>();
        PIPELINE_OPTIONS.forEach(option -> {
            if (body.get(option) != null) {
                options.put(option, body.get(option));
            }
        });
        return take(incoming, options, body.get("concurrency"), body.get("onFailure"), body.get("priority"),
                Caller.of(authentication));
    }

    /**
     * {@code POST /api/documents/bulk} as {@code multipart/form-data}: any number of {@code file} parts, plus the
     * parts {@code chunkSize}, {@code chunkOverlap}, {@code categoryHints} (comma-separated), {@code review},
     * {@code reviewHours}, {@code priority}, {@code concurrency} and {@code onFailure}.
     */
    @Operation(operationId = "uploadDocuments", summary = "Uploads several document files as one batch.")
    @ApiResponse(
            responseCode = "202",
            description = "The batch and, per document, its id and task.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = BulkView.class)))
    @BodyProblems
    @Post(value = "/bulk", consumes = MediaType.MULTIPART_FORM_DATA)
    public HttpResponse<BulkView> bulkUpload(@Body MultipartBody body, Authentication authentication)
            throws IOException {
        List<CompletedPart> parts = Flux.from(body).collectList().block();
        List<ContentFile> files = new ArrayList<>();
        try {
            Map<String, String> fields = new LinkedHashMap<>();
            List<Incoming> incoming = new ArrayList<>();
            for (CompletedPart part : parts == null ? List.<CompletedPart>of() : parts) {
                if (part instanceof CompletedFileUpload upload) {
                    ContentFile file = ContentFile.copyOf(upload.getInputStream(), Long.MAX_VALUE);
                    files.add(file);
                    String declared = DeclaredMediaType.of(upload);
                    try {
                        UploadCheck.check(Upload.of(file).head(UploadCheck.HEAD_BYTES), declared);
                    } catch (ProblemException refused) {
                        throw new ProblemException(refused.type(), "file " + upload.getFilename() + ": "
                                + refused.toProblem().detail());
                    }
                    incoming.add(new Incoming(Upload.of(file), upload.getFilename(), declared));
                } else {
                    fields.put(part.getName(), new String(part.getBytes(), StandardCharsets.UTF_8));
                }
            }
            if (incoming.isEmpty() || incoming.size() > MOST_DOCUMENTS) {
                throw ProblemException.invalid("file", "send 1-" + MOST_DOCUMENTS + " parts named file");
            }
            FieldErrors errors = new FieldErrors();
            Map<String, JsonNode> options = FormPipelineOptions.read(fields.get("chunkSize"),
                    fields.get("chunkOverlap"), fields.get("categoryHints"), fields.get("review"),
                    fields.get("reviewHours"), errors);
            errors.throwIfAny();
            return take(incoming, options, node(fields.get("concurrency")), node(fields.get("onFailure")),
                    node(fields.get("priority")), Caller.of(authentication));
        } finally {
            files.forEach(ContentFile::close);
        }
    }

    /** One document of a bulk as it came in. */
    private record Incoming(Upload content, @Nullable String name, @Nullable String mediaType) {
    }

    /**
     * Stores the documents and submits a pipeline for each new one; a document the caller had already (or that came
     * twice) keeps its one pipeline. A refused batch removes the documents this call stored.
     */
    private HttpResponse<BulkView> take(List<Incoming> incoming, Map<String, JsonNode> options,
                                        @Nullable JsonNode concurrency, @Nullable JsonNode onFailure,
                                        @Nullable JsonNode priority, Caller caller) {
        List<DocumentIntake.Stored> stored = new ArrayList<>();
        Map<String, Integer> itemOf = new LinkedHashMap<>();
        List<JsonNode> submissions = new ArrayList<>();
        BatchSubmitter.Submitted submitted = null;
        try {
            for (Incoming document : incoming) {
                DocumentIntake.Stored taken = intake.store("doc-" + UUID.randomUUID(), document.content(),
                        document.name(), document.mediaType(), caller);
                stored.add(taken);
                if (taken.created()) {
                    itemOf.put(taken.document().id(), submissions.size());
                    submissions.add(DocumentIntake.pipelineSubmission(taken.document().id(), options));
                }
            }
            if (!submissions.isEmpty()) {
                submitted = batches.submit(submissions, concurrency, onFailure, priority, caller);
            }
        } catch (RuntimeException refused) {
            stored.stream().filter(DocumentIntake.Stored::created).forEach(s -> documents.delete(s.document().id()));
            throw refused;
        }
        List<BulkItem> items = new ArrayList<>();
        for (int i = 0; i < stored.size(); i++) {
            DocumentIntake.Stored document = stored.get(i);
            String documentId = document.document().id();
            Integer item = itemOf.get(documentId);
            String taskId = item == null ? document.document().taskId() : submitted.items().get(item).taskId();
            if (document.created() && taskId != null) {
                documents.assignTask(documentId, taskId);
            }
            items.add(new BulkItem(i, documentId, !document.created(), taskId));
        }
        if (submitted == null) {
            return HttpResponse.ok(new BulkView(null, items));
        }
        TaskView batch = views.of(submitted.batch());
        return HttpResponse.accepted(URI.create(batch.links().get("self"))).body(new BulkView(batch, items));
    }

    @Nullable
    private static JsonNode node(@Nullable String value) {
        return value == null ? null : JsonNode.createStringNode(value);
    }

    @Nullable
    private static String text(JsonNode document, String field) {
        JsonNode value = document.get(field);
        return value != null && value.isString() ? value.getStringValue() : null;
    }
}
