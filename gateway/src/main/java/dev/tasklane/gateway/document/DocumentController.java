package dev.tasklane.gateway.document;

import dev.tasklane.activities.document.ContentFile;
import dev.tasklane.activities.document.DocumentRow;
import dev.tasklane.activities.document.DocumentStore;
import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.gateway.openapi.BodyProblems;
import dev.tasklane.gateway.openapi.CommonProblems;
import dev.tasklane.gateway.openapi.ConflictProblem;
import dev.tasklane.gateway.openapi.DocumentTaken;
import dev.tasklane.gateway.openapi.NotFoundProblem;
import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.problem.ProblemException;
import dev.tasklane.gateway.problem.ProblemType;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.gateway.security.Roles;
import dev.tasklane.gateway.tasks.PayloadSchema;
import dev.tasklane.gateway.tasks.TaskViews;
import dev.tasklane.gateway.webhook.DestinationCheck;
import dev.tasklane.store.JsonColumns;
import dev.tasklane.store.task.TaskRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Documents: take one in (JSON text or an uploaded file) and start its pipeline; read, list chunks, search, delete. */
@Tag(name = "documents")
@CommonProblems
@Controller("/api/documents")
@Secured(Roles.USER)
@ServesApi
@ExecuteOn(TaskExecutors.BLOCKING)
public class DocumentController {

    static final int LARGEST_PAGE = 500;
    static final int MOST_RESULTS = 100;
    private static final Set<String> OPTIONS = Set.of("chunkSize", "chunkOverlap", "categoryHints", "review",
            "reviewHours", "priority");
    private static final PayloadSchema BODY = PayloadSchema.of(DocumentSubmission.class);

    /** A page of a document's chunks. */
    @Serdeable
    public record ChunkPage(String documentId, int total, List<ChunkView> items) {
    }

    /**
     * Search results, best first; {@code truncated} when the search compared only the first {@code examinedChunks}
     * (tasklane.documents.search.max-chunks) of the chunks it may see.
     *
     * @param method           {@code hnsw-index} (pgvector's approximate index, on PostgreSQL with the extension) or
     *                         {@code scan} (every chunk the caller may see compared, up to the chunk limit)
     * @param model            the embedding model whose vectors were compared
     * @param otherModelChunks chunks left out because another model embedded them; they are being embedded again
     */
    @Serdeable
    public record SearchResults(String query, List<ChunkView> items, String method, int examinedChunks,
                                boolean truncated, String model, long otherModelChunks) {
    }

    private final DocumentIntake intake;
    private final DestinationCheck destinations;
    private final DocumentStore documents;
    private final DocumentSearch search;
    private final VisibleDocuments visible;
    private final TaskRepository tasks;
    private final TaskViews taskViews;
    private final JsonColumns json;

    public DocumentController(DocumentIntake intake, DestinationCheck destinations, DocumentStore documents,
                              DocumentSearch search, VisibleDocuments visible, TaskRepository tasks,
                              TaskViews taskViews, JsonColumns json) {
        this.intake = intake;
        this.destinations = destinations;
        this.documents = documents;
        this.search = search;
        this.visible = visible;
        this.tasks = tasks;
        this.taskViews = taskViews;
        this.json = json;
    }

    /**
     * {@code POST /api/documents} with {@code {text | url, name?, mediaType?, chunkSize?, chunkOverlap?,
     * categoryHints?, priority?}}: 202 with the document and its task, or 200 with the document the same content
     * made before. A URL is checked under the outbound destination rules here and downloaded by the task.
     */
    @Operation(operationId = "submitDocument", summary = "Submits one document by text or URL for processing.")
    @DocumentTaken
    @BodyProblems
    @RequestBody(description = "The document's text or URL, not both, and how to process it.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "#/components/schemas/DocumentSubmission")))
    @Post
    public HttpResponse<DocumentView> submit(@Body JsonNode body, Authentication authentication) {
        BODY.require(body);
        FieldErrors errors = new FieldErrors();
        JsonNode text = body.get("text");
        JsonNode url = body.get("url");
        if ((text == null) == (url == null)) {
            errors.add("text", "send the document's text, or its url, and not both");
        } else if (text != null && (!text.isString() || text.getStringValue().isBlank())) {
            errors.add("text", "the document's text must be a non-empty string");
        } else if (text != null && !UploadCheck.isReadableText(text.getStringValue())) {
            errors.add("text", UploadCheck.UNREADABLE_TEXT);
        } else if (url != null && (!url.isString() || !url.getStringValue().matches("(?i)https?://.+"))) {
            errors.add("url", "must be an http or https URL of the document");
        } else if (url != null) {
            destinations.checkUrl(url.getStringValue(), "url", errors);
        }
        String name = optionalString(body, "name", 500, errors);
        String mediaType = optionalString(body, "mediaType", 200, errors);
        if (mediaType != null && !DeclaredMediaType.isWellFormed(mediaType)) {
            errors.add("mediaType", "is not a well-formed media type; send " + DeclaredMediaType.EXPECTED);
        }
        errors.throwIfAny();
        Map<String, JsonNode> options = new LinkedHashMap<>();
        body.entries().forEach(field -> {
            if (OPTIONS.contains(field.getKey())) {
                options.put(field.getKey(), field.getValue());
            }
        });
        Caller caller = Caller.of(authentication);
        if (text != null) {
            Upload content = Upload.of(text.getStringValue().getBytes(StandardCharsets.UTF_8));
            return answer(intake.take(content, name, mediaType, options, caller));
        }
        return answer(intake.takeFromUrl(url.getStringValue(), name == null ? nameIn(url.getStringValue()) : name,
                mediaType, options, caller));
    }

    /** The last segment of the URL's path, or its host, as the name of a document submitted by URL. */
    private static String nameIn(String url) {
        URI uri = URI.create(url);
        String path = uri.getPath() == null ? "" : uri.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.isEmpty() ? uri.getHost() : name;
    }

    /**
     * {@code POST /api/documents} as {@code multipart/form-data}: the part {@code file} plus optional parts
     * {@code chunkSize}, {@code chunkOverlap}, {@code priority}, {@code categoryHints} (comma-separated), {@code review}
     * and {@code reviewHours}.
     */
    @Operation(operationId = "uploadDocument", summary = "Uploads one document file for processing.")
    @DocumentTaken
    @BodyProblems
    @Post(consumes = MediaType.MULTIPART_FORM_DATA)
    public HttpResponse<DocumentView> upload(@Part("file") CompletedFileUpload file,
                                             @Nullable @Part("chunkSize") String chunkSize,
                                             @Nullable @Part("chunkOverlap") String chunkOverlap,
                                             @Nullable @Part("priority") String priority,
                                             @Nullable @Part("categoryHints") String categoryHints,
                                             @Nullable @Part("review") String review,
                                             @Nullable @Part("reviewHours") String reviewHours,
                                             Authentication authentication) throws IOException {
        try (ContentFile copy = ContentFile.copyOf(file.getInputStream(), Long.MAX_VALUE)) {
            Upload content = Upload.of(copy);
            String declared = DeclaredMediaType.of(file);
            UploadCheck.check(content.head(UploadCheck.HEAD_BYTES), declared);
            FieldErrors errors = new FieldErrors();
            Map<String, JsonNode> options = FormPipelineOptions.read(chunkSize, chunkOverlap, categoryHints, review,
                    reviewHours, errors);
            errors.throwIfAny();
            if (priority != null) {
                options.put("priority", JsonNode.createStringNode(priority));
            }
            return answer(intake.take(content, file.getFilename(), declared, options, Caller.of(authentication)));
        }
    }

    private HttpResponse<DocumentView> answer(DocumentIntake.Intake taken) {
        DocumentView view = view(taken.document(), !taken.created());
        URI location = URI.create(view.links().get("self"));
        return taken.created() ? HttpResponse.accepted(location).body(view)
                : HttpResponse.ok(view).headers(h -> h.location(location));
    }

    /** {@code GET /api/documents/{id}}: the document, its task and the pipeline's result by stage. */
    @Operation(operationId = "getDocument", summary = "One document with its results by stage.")
    @NotFoundProblem
    @Get("/{id}")
    public DocumentView get(
            @Parameter(description = "The document's ID, as its submission answered.")
            @PathVariable String id,
            Authentication authentication) {
        return view(visible.require(id, Caller.of(authentication)), false);
    }

    /** {@code GET /api/documents/{id}/chunks?offset=&limit=}: the document's chunks in order. */
    @Operation(operationId = "listDocumentChunks", summary = "One document's chunks in order.")
    @NotFoundProblem
    @Get("/{id}/chunks")
    public ChunkPage chunks(
            @Parameter(description = "The document's ID, as its submission answered.")
            @PathVariable String id,
            @Parameter(description = "Chunks to skip (default 0).",
                    schema = @Schema(implementation = Integer.class, minimum = "0"))
            @Nullable @QueryValue String offset,
            @Parameter(description = "Chunks per page, 1-" + LARGEST_PAGE + " (default 100).",
                    schema = @Schema(implementation = Integer.class, minimum = "1", maximum = "" + LARGEST_PAGE))
            @Nullable @QueryValue String limit,
            Authentication authentication) {
        FieldErrors errors = new FieldErrors();
        long from = errors.wholeNumber("offset", offset, 0, Integer.MAX_VALUE, 0);
        long size = errors.wholeNumber("limit", limit, 1, LARGEST_PAGE, 100);
        errors.throwIfAny();
        DocumentRow document = visible.require(id, Caller.of(authentication));
        return new ChunkPage(document.id(), documents.chunkCount(document.id()),
                documents.chunks(document.id(), (int) from, (int) size).stream()
                        .map(DocumentSearch::view).toList());
    }

    /**
     * {@code GET /api/documents/search?q=&k=}: the chunks most similar to {@code q}, with their scores; 429 while the
     * caller already runs as many searches as they may.
     */
    @Operation(operationId = "searchDocuments", summary = "Chunks that best answer a query, by meaning and words.")
    @Get("/search")
    public SearchResults search(
            @Parameter(description = "What to look for, in words.", schema = @Schema(implementation = String.class))
            @Nullable @QueryValue String q,
            @Parameter(description = "How many chunks to return, 1-" + MOST_RESULTS + " (default 10).",
                    schema = @Schema(implementation = Integer.class, minimum = "1", maximum = "" + MOST_RESULTS))
            @Nullable @QueryValue String k,
            Authentication authentication) {
        FieldErrors errors = new FieldErrors();
        if (q == null || q.isBlank()) {
            errors.add("q", "the search text is required");
        } else if (q.length() > 2000) {
            errors.add("q", "must be at most 2000 characters");
        } else if (q.codePoints().noneMatch(Character::isLetterOrDigit)) {
            errors.add("q", "must hold at least one letter or digit to search by");
        }
        long count = errors.wholeNumber("k", k, 1, MOST_RESULTS, 10);
        errors.throwIfAny();
        DocumentSearch.Found found = search.search(q, (int) count, Caller.of(authentication));
        return new SearchResults(q, found.items(), found.method(), found.examinedChunks(), found.truncated(),
                found.model(), found.otherModelChunks());
    }

    /** {@code DELETE /api/documents/{id}}: 204; 409 while its pipeline still runs. */
    @Operation(operationId = "deleteDocument", summary = "Deletes a document whose pipeline has ended.")
    @ApiResponse(responseCode = "204", description = "Deleted.")
    @NotFoundProblem
    @ConflictProblem
    @Delete("/{id}")
    public HttpResponse<Void> delete(
            @Parameter(description = "The document's ID, as its submission answered.")
            @PathVariable String id,
            Authentication authentication) {
        DocumentRow document = visible.require(id, Caller.of(authentication));
        if (document.taskId() != null && tasks.findById(document.taskId())
                .filter(task -> !task.status().isTerminal()).isPresent()) {
            throw new ProblemException(ProblemType.TASK_STATE_CONFLICT, "document " + id + " is still being"
                    + " processed by task " + document.taskId() + "; cancel the task or wait for it to end");
        }
        documents.delete(id);
        return HttpResponse.noContent();
    }

    private DocumentView view(DocumentRow document, boolean duplicate) {
        String self = "/api/documents/" + document.id();
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", self);
        links.put("chunks", self + "/chunks");
        if (document.taskId() != null) {
            links.put("task", "/api/tasks/" + document.taskId());
        }
        return new DocumentView(document.id(), document.name(), document.mediaType(), document.sizeBytes(),
                document.checksum(), document.createdAt(),
                document.taskId() == null ? null : tasks.findById(document.taskId()).map(taskViews::of).orElse(null),
                json.read(document.resultJson(), Object.class), duplicate, links);
    }

    @Nullable
    private static String optionalString(JsonNode body, String field, int longest, FieldErrors errors) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString() || value.getStringValue().length() > longest) {
            errors.add(field, "must be a string of at most " + longest + " characters");
            return null;
        }
        return value.getStringValue();
    }
}
