package dev.tasklane.gateway.document;

import dev.tasklane.gateway.tasks.TaskSubmission;
import dev.tasklane.workflows.batch.BatchRequest;
import dev.tasklane.workflows.document.DocumentPipelineRequest;
import dev.tasklane.workflows.lifecycle.PayloadField;

import java.util.List;

/** The JSON body of {@code POST /api/documents/bulk}. It is never bound: its fields are checked, then read. */
public record DocumentBulkSubmission(
        @PayloadField(value = "The documents, 1-1000, each {text, name?, mediaType?}.", required = true)
        List<Object> documents,
        @PayloadField(DocumentPipelineRequest.CHUNK_SIZE) Integer chunkSize,
        @PayloadField(DocumentPipelineRequest.CHUNK_OVERLAP) Integer chunkOverlap,
        @PayloadField(DocumentPipelineRequest.CATEGORY_HINTS) List<String> categoryHints,
        @PayloadField(DocumentPipelineRequest.REVIEW) String review,
        @PayloadField(DocumentPipelineRequest.REVIEW_HOURS) Integer reviewHours,
        @PayloadField(TaskSubmission.PRIORITY) String priority,
        @PayloadField(BatchRequest.CONCURRENCY) Integer concurrency,
        @PayloadField(BatchRequest.ON_FAILURE) String onFailure) {
}
