package dev.tasklane.workflows.document;

import dev.tasklane.workflows.lifecycle.ReviewDecision;
import dev.tasklane.workflows.lifecycle.ShownUrl;
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
    private ActivityOptions stageOptions;

    @Override
    public DocumentPipelineResult process(DocumentPipelineRequest request, TaskSettings settings) {
        boolean waitForStop = Workflow.getVersion(STAGES_STOP_BEFORE_DISCARD, Workflow.DEFAULT_VERSION, 1) == 1;
        stageOptions = ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(30))
                .setHeartbeatTimeout(Duration.ofSeconds(30))
                .setCancellationType(waitForStop ? ActivityCancellationType.WAIT_CANCELLATION_COMPLETED
                        : ActivityCancellationType.TRY_CANCEL)
                .setRetryOptions(settings.retry().toRetryOptions(DocumentPipelineActivities.UNPROCESSABLE,
                        DocumentPipelineActivities.QUALITY_TOO_LOW))
                .build();
        String documentId = request.documentId();
        return run.execute(settings, () -> runStages(request, settings),
                () -> DocumentPipelineResult.cancelled(documentId),
                () -> stages("discard what this run staged for document " + documentId).discard(documentId));
    }

    private DocumentPipelineResult runStages(DocumentPipelineRequest request, TaskSettings settings) {
        String id = request.documentId();
        if (request.sourceUrl() != null) {
            DocumentDownloadActivities downloads = Workflow.newActivityStub(DocumentDownloadActivities.class,
                    ActivityOptions.newBuilder()
                            .setStartToCloseTimeout(Duration.ofMinutes(10))
                            .setRetryOptions(settings.retry().toRetryOptions(DocumentDownloadActivities.UNAVAILABLE))
                            .setSummary("download the content of document " + id + " from "
                                    + ShownUrl.of(request.sourceUrl()))
                            .build());
            stage(DocumentStage.DOWNLOADING, () -> downloads.download(id, request.sourceUrl()));
        }
        DocumentClassification classification = stage(DocumentStage.CLASSIFYING,
                () -> stages("classify document " + id + ": format, language and category")
                        .classify(id, request.categoryHintsOrNone()));
        DocumentExtraction extraction = stage(DocumentStage.EXTRACTING,
                () -> stages("extract the text of document " + id + " (" + classification.format() + ")")
                        .extract(id, classification.format()));
        int chunks = stage(DocumentStage.CHUNKING,
                () -> stages("cut " + extraction.characters() + " characters into chunks of up to "
                        + request.chunkSizeOrDefault() + ", " + request.chunkOverlapOrDefault() + " overlapping")
                        .chunk(id, request.chunkSizeOrDefault(), request.chunkOverlapOrDefault()));
        stage(DocumentStage.EMBEDDING, () -> stages("compute the vectors of the staged chunks: " + chunks).embed(id));
        stage(DocumentStage.STORING, () -> stages("publish the staged chunks and their vectors: " + chunks).store(id));
        List<CrossReference> references = stage(DocumentStage.INTEGRATING,
                () -> stages("link the chunks to similar documents of the same owner").integrate(id));
        QualityReport quality = stage(DocumentStage.QUALITY_CHECK,
                () -> stages("check the quality of " + (extraction.pages() == null ? "the extracted text"
                        : extraction.pages() + " pages")).checkQuality(id, extraction));
        if (request.reviewRequired()) {
            run.awaitReview("document " + id + " (" + classification.category() + ", quality " + quality.score()
                    + ")", Duration.ofHours(request.reviewHoursOrDefault()));
        }
        DocumentPipelineResult result = new DocumentPipelineResult(id, classification.format(),
                classification.language(), classification.category(), extraction.pages(), extraction.sheets(), chunks,
                quality.score(), quality.findings(), references, new LinkedHashMap<>(stageSeconds), false);
        stages("record the result on document " + id).recordResult(result);
        return result;
    }

    /** The stage activities with {@code summary} saying in the Web UI what the call does. */
    private DocumentPipelineActivities stages(String summary) {
        return Workflow.newActivityStub(DocumentPipelineActivities.class,
                ActivityOptions.newBuilder(stageOptions).setSummary(summary).build());
    }

    private <T> T stage(DocumentStage stage, Supplier<T> work) {
        run.enterStep(stage.name(), stage.percentAt(0));
        long started = Workflow.currentTimeMillis();
        T outcome = work.get();
        stageSeconds.put(stage.name(), (Workflow.currentTimeMillis() - started) / 1000.0);
        return outcome;
    }

    @Override
    public ReviewDecision.Outcome review(ReviewDecision decision, String reviewer) {
        return run.review(decision, reviewer);
    }

    @Override
    public void checkReview(ReviewDecision decision, String reviewer) {
        run.checkReview(decision, reviewer);
    }

    @Override
    public TaskProgress progress() {
        return run.progress();
    }
}
