package dev.tasklane.gateway.document;

import dev.tasklane.activities.document.DocumentRow;
import dev.tasklane.activities.document.DocumentStore;
import dev.tasklane.gateway.flow.TaskMessage;
import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.problem.ProblemException;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.gateway.security.Roles;
import dev.tasklane.gateway.tasks.ReferringTaskType;
import dev.tasklane.gateway.tasks.TaskWorkflowDeclaration;
import dev.tasklane.gateway.webhook.DestinationCheck;
import dev.tasklane.workflows.document.DocumentDownloadActivities;
import dev.tasklane.workflows.document.DocumentPipelineActivities;
import dev.tasklane.workflows.document.DocumentPipelineRequest;
import dev.tasklane.workflows.document.DocumentPipelineResult;
import dev.tasklane.workflows.document.DocumentPipelineWorkflow;
import dev.tasklane.workflows.document.DocumentPipelineWorkflowImpl;
import dev.tasklane.workflows.lifecycle.ReviewDecision;
import dev.tasklane.workflows.lifecycle.ShownUrl;
import dev.tasklane.workflows.lifecycle.TaskRun;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code document-pipeline} task type: a stored document (or one downloaded from {@code sourceUrl} first) made
 * searchable, stage by stage; only a document the submitter may see.
 */
@Singleton
public class DocumentPipelineTaskType implements ReferringTaskType<DocumentPipelineRequest> {

    public static final String NAME = "document-pipeline";

    private static final TaskWorkflowDeclaration<DocumentPipelineRequest, ?, ?> WORKFLOW =
            new TaskWorkflowDeclaration<>(DocumentPipelineRequest.class, DocumentPipelineResult.class,
                    DocumentPipelineWorkflow.class, DocumentPipelineWorkflowImpl.class, workflow -> workflow::process,
                    List.of(DocumentPipelineActivities.class, DocumentDownloadActivities.class));

    static final int SMALLEST_CHUNK = 200;
    static final int LARGEST_CHUNK = 20_000;
    private static final int MOST_HINTS = 20;
    private static final int LONGEST_HINT = 100;
    /** The most hours a document awaits its review. */
    private static final int LONGEST_REVIEW = 720;

    private final DestinationCheck destinations;
    private final VisibleDocuments documents;
    private final DocumentStore store;

    public DocumentPipelineTaskType(DestinationCheck destinations, VisibleDocuments documents, DocumentStore store) {
        this.destinations = destinations;
        this.documents = documents;
        this.store = store;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Classifies a stored document, extracts its text, cuts it into chunks, embeds and stores them, links"
                + " them to similar documents and checks the result's quality.";
    }

    @Override
    public TaskWorkflowDeclaration<DocumentPipelineRequest, ?, ?> workflow() {
        return WORKFLOW;
    }

    @Override
    public void validate(DocumentPipelineRequest payload, FieldErrors errors) {
        if (payload.documentId().isBlank()) {
            errors.add("payload.documentId", "must not be blank");
        }
        if (payload.sourceUrl() != null) {
            destinations.checkUrl(payload.sourceUrl(), "payload.sourceUrl", errors);
        }
        int size = payload.chunkSizeOrDefault();
        if (size < SMALLEST_CHUNK || size > LARGEST_CHUNK) {
            errors.add("payload.chunkSize", "must be between " + SMALLEST_CHUNK + " and " + LARGEST_CHUNK);
        }
        int overlap = payload.chunkOverlapOrDefault();
        if (overlap < 0 || overlap >= size / 2) {
            errors.add("payload.chunkOverlap", "must be at least 0 and less than half the chunk size (" + size / 2 + ")");
        }
        if (payload.categoryHintsOrNone().size() > MOST_HINTS) {
            errors.add("payload.categoryHints", "may name at most " + MOST_HINTS + " categories");
        }
        for (String hint : payload.categoryHintsOrNone()) {
            if (hint == null || hint.isBlank() || hint.length() > LONGEST_HINT) {
                errors.add("payload.categoryHints", "each hint must be 1-" + LONGEST_HINT + " characters");
                break;
            }
        }
        if (payload.review() != null && !List.of(DocumentPipelineRequest.REVIEW_REQUIRED, "none")
                .contains(payload.review())) {
            errors.add("payload.review", "must be required (a MANAGER approves the document) or none");
        }
        if (payload.reviewHours() != null && (payload.reviewHours() < 1 || payload.reviewHours() > LONGEST_REVIEW)) {
            errors.add("payload.reviewHours", "must be a whole number from 1 to " + LONGEST_REVIEW);
        }
    }

    /** A document submitted with {@code review: required} awaits a MANAGER's review, approve or reject. */
    @Override
    public List<TaskMessage<?>> messages() {
        return List.of(new TaskMessage<>(TaskRun.REVIEW, TaskMessage.Kind.UPDATE, "Approves (it goes on) or rejects "
                + "(it stops, CANCELLED) a document awaiting approval; the reviewer is the caller.",
                ReviewDecision.class, ReviewDecision.Outcome.class, Roles.MANAGER,
                Set.of(TaskStatus.AWAITING_APPROVAL), DocumentPipelineTaskType::checkReview));
    }

    private static void checkReview(ReviewDecision review, FieldErrors errors) {
        if (!List.of(ReviewDecision.APPROVE, ReviewDecision.REJECT).contains(review.decision())) {
            errors.add("decision", "must be approve (the document goes on) or reject (it stops)");
        }
        if (review.note() != null && review.note().length() > ReviewDecision.LONGEST_NOTE) {
            errors.add("note", "may be at most " + ReviewDecision.LONGEST_NOTE + " characters");
        }
    }

    @Override
    public void checkReferences(DocumentPipelineRequest payload, Caller caller) {
        if (documents.find(payload.documentId(), caller).isEmpty()) {
            throw ProblemException.notFound("payload.documentId", "no document '" + payload.documentId()
                    + "'; give the id POST /api/documents answered for one of your documents");
        }
    }

    @Override
    public String summary(DocumentPipelineRequest payload) {
        Optional<DocumentRow> document = store.find(payload.documentId());
        String name = document.map(DocumentRow::name).orElse("document " + payload.documentId());
        String size = document.filter(d -> d.sizeBytes() > 0).map(d -> ", " + size(d.sizeBytes())).orElse("");
        String source = payload.sourceUrl() == null ? "" : " from " + ShownUrl.of(payload.sourceUrl());
        return name + size + source;
    }

    @Override
    public Map<String, String> details(DocumentPipelineRequest payload) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Document", payload.documentId());
        store.find(payload.documentId()).ifPresent(document -> {
            if (document.name() != null) {
                facts.put("Name", document.name());
            }
            if (document.sizeBytes() > 0) {
                facts.put("Size", size(document.sizeBytes()));
            }
            if (document.mediaType() != null) {
                facts.put("Declared type", document.mediaType());
            }
        });
        if (payload.sourceUrl() != null) {
            facts.put("Downloaded from", ShownUrl.of(payload.sourceUrl()));
        }
        facts.put("Chunks", "up to " + payload.chunkSizeOrDefault() + " characters, " + payload.chunkOverlapOrDefault()
                + " overlapping");
        if (!payload.categoryHintsOrNone().isEmpty()) {
            facts.put("Category hints", String.join(", ", payload.categoryHintsOrNone()));
        }
        return facts;
    }

    /** {@code bytes} as a person reads it: 512 bytes, 84.2 KB, 2.4 MB. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        double kilobytes = bytes / 1024.0;
        return kilobytes < 1024 ? String.format(Locale.ROOT, "%.1f KB", kilobytes)
                : String.format(Locale.ROOT, "%.1f MB", kilobytes / 1024);
    }
}
