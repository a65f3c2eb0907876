package dev.tasklane.workflows.document;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * What a document pipeline produced.
 *
 * @param stageSeconds how long each stage took, in pipeline order
 * @param cancelled    true when the task was cancelled; what was staged was discarded
 */
@Serdeable
public record DocumentPipelineResult(String documentId, String format, String language, String category,
                                     Integer pages, List<DocumentExtraction.SheetSummary> sheets, int chunkCount,
                                     Double qualityScore, List<String> findings, List<CrossReference> crossReferences,
                                     Map<String, Double> stageSeconds, boolean cancelled) {

    public static DocumentPipelineResult cancelled(String documentId) {
        return new DocumentPipelineResult(documentId, null, null, null, null, List.of(), 0, null, List.of(), List.of(),
                Map.of(), true);
    }
}
