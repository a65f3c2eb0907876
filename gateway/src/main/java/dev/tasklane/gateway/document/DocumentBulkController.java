package dev.tasklane.gateway.document;

import dev.tasklane.activities.document.DocumentStore;
import dev.tasklane.gateway.batch.BatchSubmitter;
import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.problem.ProblemException;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.gateway.security.Roles;
import dev.tasklane.gateway.tasks.TaskView;
import dev.tasklane.gateway.tasks.TaskViews;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;

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
@Controller("/api/documents")
@Secured(Roles.USER)
@Requires(property = "tasklane.role", notEquals = "worker")
@ExecuteOn(TaskExecutors.BLOCKING)
public class DocumentBulkController {

    private static final int MOST_DOCUMENTS = 1000;
    private static final Set<String> PIPELINE_OPTIONS = Set.of("chunkSize", "chunkOverlap", "categoryHints");

    /** One document of the bulk: the stored document and the child task that processes it. */
    @Serdeable
    public record BulkItem(int index, String documentId, boolean duplicate, @Nullable String taskId) {
    }

    /** The batch and its documents. */
    @Serdeable
    public record BulkView(TaskView batch, List<BulkItem> documents) {
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
    @Post("/bulk")
    public HttpResponse<BulkView> bulk(@Body JsonNode body, Authentication authentication) {
        JsonNode list = body.isObject() ? body.get("documents") : null;
        if (list == null || !list.isArray() || list.size() == 0 || list.size() > MOST_DOCUMENTS) {
            throw ProblemException.invalid("documents", "must be an array of 1-" + MOST_DOCUMENTS
                    + " documents {text, name?, mediaType?}");
        }
        FieldErrors errors = new FieldErrors();
        for (int i = 0; i < list.size(); i++) {
            JsonNode text = list.get(i).isObject() ? list.get(i).get("text") : null;
            if (text == null || !text.isString() || text.getStringValue().isBlank()) {
                errors.add("documents[" + i + "].text", "the document's text is required, as a non-empty string");
            }
        }
        errors.throwIfAny();
        Map<String, JsonNode> options = new LinkedHashMap<>();
        PIPELINE_OPTIONS.forEach(option -> {
            if (body.get(option) != null) {
                options.put(option, body.get(option));
            }
        });
        Caller caller = Caller.of(authentication);
        List<DocumentIntake.Stored> stored = new ArrayList<>();
        List<JsonNode> submissions = new ArrayList<>();
        for (JsonNode document : list.values()) {
            DocumentIntake.Stored taken = intake.store("doc-" + UUID.randomUUID(),
                    Upload.of(document.get("text").getStringValue().getBytes(StandardCharsets.UTF_8)),
                    text(document, "name"), text(document, "mediaType"), caller);
            stored.add(taken);
            submissions.add(DocumentIntake.pipelineSubmission(taken.document().id(), options));
        }
        BatchSubmitter.Submitted submitted;
        try {
            submitted = batches.submit(submissions, body.get("concurrency"), body.get("onFailure"),
                    body.get("priority"), caller);
        } catch (RuntimeException refused) {
            stored.stream().filter(DocumentIntake.Stored::created).forEach(s -> documents.delete(s.document().id()));
            throw refused;
        }
        List<BulkItem> items = new ArrayList<>();
        for (int i = 0; i < stored.size(); i++) {
            String taskId = submitted.items().get(i).taskId();
            String documentId = stored.get(i).document().id();
            if (taskId != null) {
                documents.assignTask(documentId, taskId);
            }
            items.add(new BulkItem(i, documentId, !stored.get(i).created(), taskId));
        }
        TaskView batch = views.of(submitted.batch());
        return HttpResponse.accepted(URI.create(batch.links().get("self"))).body(new BulkView(batch, items));
    }

    @Nullable
    private static String text(JsonNode document, String field) {
        JsonNode value = document.get(field);
        return value != null && value.isString() ? value.getStringValue() : null;
    }
}
