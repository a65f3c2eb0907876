package dev.tasklane.workflows.document;

import dev.tasklane.workflows.lifecycle.TaskProgress;
import dev.tasklane.workflows.lifecycle.TaskRun;
import dev.tasklane.workflows.lifecycle.TaskSettings;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs the stages one after another, each a retryable activity, after downloading a document submitted by URL;
 * content the pipeline cannot process and a quality score under the threshold are not retried. A failed or cancelled
 * run discards what it staged; a cancelled run first waits for the running stage to stop (it notices at its next
 * heartbeat), so nothing is written after.
 */
public class DocumentPipelineWorkflowImpl implements DocumentPipelineWorkflow {

    private static final String STAGES_STOP_BEFORE_DISCARD = "stages-stop-before-discard";

    private final TaskRun run = new TaskRun();
    private final Map<String, Double> stageSeconds = new LinkedHashMap<>();

    @Override
    public DocumentPipelineResult process(DocumentPipelineRequest request, TaskSettings settings) {
        boolean waitForStop = Workflow.getVersion(STAGES_STOP_BEFORE_DISCARD, Workflow.DEFAULT_VERSION, 1) == 1;
        DocumentPipelineActivities stages = Workflow.newActivityStub(DocumentPipelineActivities.class,
                ActivityOptions.newBuilder()
                        .setStartToCloseTimeout(Duration.ofMinutes(30))
                        .setHeartbeatTimeout(Duration.ofSeconds(30))
                        .setCancellationType(waitForStop ? ActivityCancellationType.WAIT_CANCELLATION_COMPLETED
                                : ActivityCancellationType.TRY_CANCEL)
                        .setRetryOptions(settings.retry().toRetryOptions(DocumentPipelineActivities.UNPROCESSABLE,
                                DocumentPipelineActivities.QUALITY_TOO_LOW))
                        .build());
        DocumentDownloadActivities downloads = Workflow.newActivityStub(DocumentDownloadActivities.class,
                ActivityOptions.newBuilder()
                        .setStartToCloseTimeout(Duration.ofMinutes(10))
                        .setRetryOptions(settings.retry().toRetryOptions(DocumentDownloadActivities.UNAVAILABLE))
                        .build());
        String documentId = request.documentId();
        return run.execute(settings, () -> runStages(stages, downloads, request),
                () -> DocumentPipelineResult.cancelled(documentId), () -> stages.discard(documentId));
    }

    private DocumentPipelineResult runStages(DocumentPipelineActivities stages, DocumentDownloadActivities downloads,
                                             DocumentPipelineRequest request) {
        String id = request.documentId();
        if (request.sourceUrl() != null) {
            stage(DocumentStage.DOWNLOADING, () -> downloads.download(id, request.sourceUrl()));
        }
        DocumentClassification classification = stage(DocumentStage.CLASSIFYING,
                () -> stages.classify(id, request.categoryHintsOrNone()));
        DocumentExtraction extraction = stage(DocumentStage.EXTRACTING,
                () -> stages.extract(id, classification.format()));
        int chunks = stage(DocumentStage.CHUNKING,
                () -> stages.chunk(id, request.chunkSizeOrDefault(), request.chunkOverlapOrDefault()));
        stage(DocumentStage.EMBEDDING, () -> stages.embed(id));
        stage(DocumentStage.STORING, () -> stages.store(id));
        List<CrossReference> references = stage(DocumentStage.INTEGRATING, () -> stages.integrate(id));
        QualityReport quality = stage(DocumentStage.QUALITY_CHECK, () -> stages.checkQuality(id, extraction));
        DocumentPipelineResult result = new DocumentPipelineResult(id, classification.format(),
                classification.language(), classification.category(), extraction.pages(), extraction.sheets(), chunks,
                quality.score(), quality.findings(), references, new LinkedHashMap<>(stageSeconds), false);
        stages.recordResult(result);
        return result;
    }

    private <T> T stage(DocumentStage stage, Supplier<T> work) {
        run.enterStep(stage.name());
        long started = Workflow.currentTimeMillis();
        T outcome = work.get();
        stageSeconds.put(stage.name(), (Workflow.currentTimeMillis() - started) / 1000.0);
        return outcome;
    }

    @Override
    public TaskProgress progress() {
        return run.progress();
    }
}
