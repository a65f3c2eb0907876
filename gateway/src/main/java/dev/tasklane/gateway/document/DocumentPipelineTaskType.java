package dev.tasklane.gateway.document;

import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.problem.ProblemException;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.gateway.tasks.ReferringTaskType;
import dev.tasklane.gateway.webhook.DestinationCheck;
import dev.tasklane.workflows.document.DocumentPipelineRequest;
import dev.tasklane.workflows.document.DocumentPipelineWorkflow;
import jakarta.inject.Singleton;

/**
 * The {@code document-pipeline} task type: a stored document (or one downloaded from {@code sourceUrl} first) made
 * searchable, stage by stage; only a document the submitter may see.
 */
@Singleton
public class DocumentPipelineTaskType implements ReferringTaskType<DocumentPipelineRequest> {

    static final int SMALLEST_CHUNK = 200;
    static final int LARGEST_CHUNK = 20_000;
    private static final int MOST_HINTS = 20;
    private static final int LONGEST_HINT = 100;

    private final DestinationCheck destinations;
    private final VisibleDocuments documents;

    public DocumentPipelineTaskType(DestinationCheck destinations, VisibleDocuments documents) {
        this.destinations = destinations;
        this.documents = documents;
    }

    @Override
    public String name() {
        return "document-pipeline";
    }

    @Override
    public String description() {
        return "Classifies a stored document, extracts its text, cuts it into chunks, embeds and stores them, links"
                + " them to similar documents and checks the result's quality.";
    }

    @Override
    public Class<DocumentPipelineRequest> payloadType() {
        return DocumentPipelineRequest.class;
    }

    @Override
    public Class<?> workflowInterface() {
        return DocumentPipelineWorkflow.class;
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
        return "process document " + payload.documentId();
    }
}
