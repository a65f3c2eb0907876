package dev.tasklane.gateway.document;

import dev.tasklane.gateway.tasks.TaskSubmission;
import dev.tasklane.workflows.document.DocumentPipelineRequest;
import dev.tasklane.workflows.lifecycle.PayloadField;

import java.util.List;

/** The JSON body of {@code POST /api/documents}. It is never bound: its fields are checked, then read one by one. */
public record DocumentSubmission(
        @PayloadField("The document's text; send it or url, not both.") String text,
        @PayloadField("An http or https URL the task downloads the document from; send it or text, not both.")
        String url,
        @PayloadField("The document's name, up to 500 characters.") String name,
        @PayloadField("The document's media type, such as text/plain, up to 200 characters.") String mediaType,
        @PayloadField(DocumentPipelineRequest.CHUNK_SIZE) Integer chunkSize,
        @PayloadField(DocumentPipelineRequest.CHUNK_OVERLAP) Integer chunkOverlap,
        @PayloadField(DocumentPipelineRequest.CATEGORY_HINTS) List<String> categoryHints,
        @PayloadField(DocumentPipelineRequest.REVIEW) String review,
        @PayloadField(DocumentPipelineRequest.REVIEW_HOURS) Integer reviewHours,
        @PayloadField(TaskSubmission.PRIORITY) String priority) {
}
