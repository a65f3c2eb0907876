package dev.tasklane.workflows.document;

import dev.tasklane.workflows.lifecycle.RecordingLifecycle;
import dev.tasklane.workflows.lifecycle.RetrySettings;
import dev.tasklane.workflows.lifecycle.ReviewDecision;
import dev.tasklane.workflows.lifecycle.TaskRun;
import dev.tasklane.workflows.lifecycle.TaskSettings;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.temporal.activity.Activity;
import io.temporal.client.ActivityCompletionException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DocumentPipelineWorkflowTest {

    private static final DocumentPipelineRequest REQUEST = new DocumentPipelineRequest("doc-1", 500, 50, List.of(), null, null,
            null);
    private static final TaskSettings SETTINGS = new TaskSettings(new RetrySettings(3, 1, 2.0, 10), null);

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(DocumentPipelineWorkflowImpl.class)
            .setWorkerOptions(WorkerOptions.newBuilder().setMaxHeartbeatThrottleInterval(Duration.ofSeconds(1)).build())
            .setDoNotStart(true)
            .build();

    private static final Duration PART_OF_THE_WORK = Duration.ofMillis(5);

    private final RecordingLifecycle lifecycle = new RecordingLifecycle();

    @Test
    void theStagesRunInOrderAndTheResultGathersWhatEachFound(TestWorkflowEnvironment env, Worker worker,
                                                             DocumentPipelineWorkflow workflow) {
        FakeStages stages = new FakeStages();
        worker.registerActivitiesImplementations(lifecycle, stages);
        env.start();

        DocumentPipelineResult result = workflow.process(REQUEST, SETTINGS);

        assertEquals(List.of("classify", "extract", "chunk", "embed", "store", "integrate", "checkQuality",
                "recordResult"), stages.calls);
        assertEquals("pdf", result.format());
        assertEquals(3, result.pages());
        assertEquals(12, result.chunkCount());
        assertEquals(0.9, result.qualityScore());
        assertEquals("doc-2", result.crossReferences().get(0).documentId());
        assertEquals(List.of("CLASSIFYING", "EXTRACTING", "CHUNKING", "EMBEDDING", "STORING", "INTEGRATING",
                "QUALITY_CHECK"), List.copyOf(result.stageSeconds().keySet()));
        assertFalse(result.cancelled());
        assertEquals(List.of(TaskStatus.RUNNING, TaskStatus.COMPLETED), lifecycle.statuses());
    }

    private static final DocumentPipelineRequest REVIEWED = new DocumentPipelineRequest("doc-1", 500, 50, List.of(),
            null, DocumentPipelineRequest.REVIEW_REQUIRED, 2);

    private WorkflowStub startReviewed(TestWorkflowEnvironment env, Worker worker, FakeStages stages) {
        worker.registerActivitiesImplementations(lifecycle, stages);
        env.start();
        DocumentPipelineWorkflow workflow = env.getWorkflowClient().newWorkflowStub(DocumentPipelineWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(worker.getTaskQueue())
                        .setWorkflowId("document-pipeline-reviewed").build());
        WorkflowClient.start(workflow::process, REVIEWED, SETTINGS);
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> lifecycle.statuses().contains(TaskStatus.AWAITING_APPROVAL));
        return WorkflowStub.fromTyped(workflow);
    }

    @Test
    void aDocumentForReviewAwaitsApprovalAfterItsQualityCheckAndGoesOnWhenApproved(TestWorkflowEnvironment env,
                                                                                   Worker worker) {
        FakeStages stages = new FakeStages();
        WorkflowStub stub = startReviewed(env, worker, stages);
        assertFalse(stages.calls.contains("recordResult"), "it waits before the result is recorded");

        ReviewDecision.Outcome outcome = stub.update(TaskRun.REVIEW, ReviewDecision.Outcome.class,
                new ReviewDecision(ReviewDecision.APPROVE, "reads well"), "max");

        assertEquals(new ReviewDecision.Outcome("approve", "max"), outcome);
        assertFalse(stub.getResult(DocumentPipelineResult.class).cancelled());
        assertEquals("recordResult", stages.calls.get(stages.calls.size() - 1));
        assertEquals(List.of(TaskStatus.RUNNING, TaskStatus.AWAITING_APPROVAL, TaskStatus.COMPLETED),
                lifecycle.statuses());
        assertEquals("approved by max: reads well", lifecycle.progress.get(lifecycle.progress.size() - 1).message());
    }

    @Test
    void aRejectedDocumentIsDiscardedAndEndsCancelledSayingWhoRejectedItAndWhy(TestWorkflowEnvironment env,
                                                                               Worker worker) {
        FakeStages stages = new FakeStages();
        WorkflowStub stub = startReviewed(env, worker, stages);

        stub.update(TaskRun.REVIEW, ReviewDecision.Outcome.class, new ReviewDecision(ReviewDecision.REJECT, "blurry"),
                "max");

        assertTrue(stub.getResult(DocumentPipelineResult.class).cancelled());
        assertEquals("discard", stages.calls.get(stages.calls.size() - 1));
        assertEquals("rejected by max: blurry", lifecycle.events.get(lifecycle.events.size() - 1).message());
        assertEquals(TaskStatus.CANCELLED, lifecycle.statuses().get(lifecycle.statuses().size() - 1));
    }

    @Test
    void aDocumentNobodyReviewsRemindsItsOwnerAtHalfTimeThenStopsTimedOut(TestWorkflowEnvironment env, Worker worker) {
        FakeStages stages = new FakeStages();
        WorkflowStub stub = startReviewed(env, worker, stages);

        assertThrows(WorkflowFailedException.class, () -> stub.getResult(DocumentPipelineResult.class));

        assertEquals(1, lifecycle.reminders.size());
        assertTrue(lifecycle.reminders.get(0).contains("still awaits approval") && lifecycle.reminders.get(0)
                .contains("it stops in 1 h"), lifecycle.reminders.get(0));
        assertEquals("no review within 2 h", lifecycle.events.get(lifecycle.events.size() - 1).message());
        assertEquals(TaskStatus.TIMED_OUT, lifecycle.statuses().get(lifecycle.statuses().size() - 1));
        assertEquals("discard", stages.calls.get(stages.calls.size() - 1));
    }

    @Test
    void aReviewOfADocumentThatAwaitsNoneOrWithAnUnknownDecisionIsRefused(TestWorkflowEnvironment env,
                                                                         Worker worker) {
        FakeStages stages = new FakeStages();
        WorkflowStub stub = startReviewed(env, worker, stages);

        WorkflowUpdateException unknown = assertThrows(WorkflowUpdateException.class, () -> stub.update(
                TaskRun.REVIEW, ReviewDecision.Outcome.class, new ReviewDecision("maybe", null), "max"));
        assertTrue(String.valueOf(unknown.getCause().getMessage()).contains("approve or reject"), unknown.toString());
        stub.update(TaskRun.REVIEW, ReviewDecision.Outcome.class, new ReviewDecision(ReviewDecision.APPROVE, null),
                "max");
        stub.getResult(DocumentPipelineResult.class);

        assertThrows(RuntimeException.class, () -> stub.update(TaskRun.REVIEW, ReviewDecision.Outcome.class,
                new ReviewDecision(ReviewDecision.APPROVE, null), "max"), "the document awaits no review now");
    }

    @Test
    void aTransientFailureIsRetriedButALowQualityScoreIsNotAndWhatWasStagedIsDiscarded(
            TestWorkflowEnvironment env, Worker worker, DocumentPipelineWorkflow workflow) {
        AtomicInteger embedAttempts = new AtomicInteger();
        FakeStages stages = new FakeStages() {
            @Override
            public int embed(String documentId) {
                super.embed(documentId);
                if (embedAttempts.incrementAndGet() == 1) {
                    throw ApplicationFailure.newFailure("store busy", "Transient");
                }
                return 12;
            }

            @Override
            public QualityReport checkQuality(String documentId, DocumentExtraction extraction) {
                super.checkQuality(documentId, extraction);
                throw ApplicationFailure.newNonRetryableFailure("quality score 0.20 is below 0.50: garbage",
                        DocumentPipelineActivities.QUALITY_TOO_LOW);
            }
        };
        worker.registerActivitiesImplementations(lifecycle, stages);
        env.start();

        WorkflowFailedException failed = assertThrows(WorkflowFailedException.class,
                () -> workflow.process(REQUEST, SETTINGS));

        assertEquals(2, embedAttempts.get(), "the transient failure was retried once");
        assertEquals(1, stages.calls.stream().filter("checkQuality"::equals).count(), "the verdict is not retried");
        assertEquals("discard", stages.calls.get(stages.calls.size() - 1));
        assertInstanceOf(ApplicationFailure.class, failed.getCause());
        assertTrue(lifecycle.events.get(lifecycle.events.size() - 1).message().contains("quality score 0.20"));
        assertEquals(TaskStatus.FAILED, lifecycle.statuses().get(lifecycle.statuses().size() - 1));
    }

    @Test
    void aDocumentSubmittedByUrlIsDownloadedFirstAndTransientDownloadFailuresAreRetried(
            TestWorkflowEnvironment env, Worker worker, DocumentPipelineWorkflow workflow) {
        FakeStages stages = new FakeStages();
        AtomicInteger attempts = new AtomicInteger();
        DocumentDownloadActivities downloads = new DocumentDownloadActivities() {
            @Override
            public long download(String documentId, String url) {
                stages.calls.add("download " + url);
                if (attempts.incrementAndGet() == 1) {
                    throw ApplicationFailure.newFailure("no answer", DocumentDownloadActivities.DOWNLOAD_FAILED);
                }
                return 42;
            }
        };
        worker.registerActivitiesImplementations(lifecycle, stages, downloads);
        env.start();

        DocumentPipelineResult result = workflow.process(new DocumentPipelineRequest("doc-1", 500, 50, List.of(),
                "https://files.partner.test/a.pdf", null, null), SETTINGS);

        assertEquals(List.of("download https://files.partner.test/a.pdf", "download https://files.partner.test/a.pdf",
                "classify"), stages.calls.subList(0, 3));
        assertEquals("DOWNLOADING", List.copyOf(result.stageSeconds().keySet()).get(0));
    }

    @Test
    void aDocumentThatCannotBeDownloadedFailsTheTaskWithoutRetryOrStages(
            TestWorkflowEnvironment env, Worker worker, DocumentPipelineWorkflow workflow) {
        FakeStages stages = new FakeStages();
        AtomicInteger attempts = new AtomicInteger();
        DocumentDownloadActivities downloads = new DocumentDownloadActivities() {
            @Override
            public long download(String documentId, String url) {
                attempts.incrementAndGet();
                throw ApplicationFailure.newNonRetryableFailure("the server answered 404",
                        DocumentDownloadActivities.UNAVAILABLE);
            }
        };
        worker.registerActivitiesImplementations(lifecycle, stages, downloads);
        env.start();

        assertThrows(WorkflowFailedException.class, () -> workflow.process(new DocumentPipelineRequest("doc-1", 500,
                50, List.of(), "https://files.partner.test/gone.pdf", null, null), SETTINGS));

        assertEquals(1, attempts.get());
        assertEquals(List.of("discard"), stages.calls);
        assertTrue(lifecycle.events.get(lifecycle.events.size() - 1).message().contains("404"));
    }

    @Test
    void aCancelledTaskWaitsForTheRunningStageToStopAtItsNextHeartbeatBeforeDiscarding(
            TestWorkflowEnvironment env, Worker worker, DocumentPipelineWorkflow workflow) throws Exception {
        CountDownLatch extracting = new CountDownLatch(1);
        FakeStages stages = new FakeStages() {
            @Override
            public DocumentExtraction extract(String documentId, String format) {
                calls.add("extract");
                extracting.countDown();
                try {
                    while (true) {
                        Activity.getExecutionContext().heartbeat(null);
                        LockSupport.parkNanos(PART_OF_THE_WORK.toNanos());
                    }
                } catch (ActivityCompletionException cancelled) {
                    calls.add("extract stopped");
                    throw cancelled;
                }
            }
        };
        worker.registerActivitiesImplementations(lifecycle, stages);
        env.start();
        WorkflowClient.start(workflow::process, REQUEST, SETTINGS);
        assertTrue(extracting.await(10, TimeUnit.SECONDS), "the extraction started");

        WorkflowStub run = WorkflowStub.fromTyped(workflow);
        run.cancel();

        assertThrows(WorkflowFailedException.class,
                () -> run.getResult(10, TimeUnit.SECONDS, DocumentPipelineResult.class), "the run ends cancelled");
        assertEquals(List.of("classify", "extract", "extract stopped", "discard"), stages.calls,
                "the stage stopped before what it staged was discarded");
        assertEquals(TaskStatus.CANCELLED, lifecycle.statuses().get(lifecycle.statuses().size() - 1));
    }

    /** Stages that record their calls and answer fixed findings. */
    static class FakeStages implements DocumentPipelineActivities {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public DocumentClassification classify(String documentId, List<String> categoryHints) {
            calls.add("classify");
            return new DocumentClassification("pdf", "en", "contract", "agreement");
        }

        @Override
        public DocumentExtraction extract(String documentId, String format) {
            calls.add("extract");
            return new DocumentExtraction(5000, 3, List.of());
        }

        @Override
        public int chunk(String documentId, int chunkSize, int chunkOverlap) {
            calls.add("chunk");
            return 12;
        }

        @Override
        public int embed(String documentId) {
            calls.add("embed");
            return 12;
        }

        @Override
        public int store(String documentId) {
            calls.add("store");
            return 12;
        }

        @Override
        public List<CrossReference> integrate(String documentId) {
            calls.add("integrate");
            return List.of(new CrossReference("doc-2", 0.93, 4));
        }

        @Override
        public QualityReport checkQuality(String documentId, DocumentExtraction extraction) {
            calls.add("checkQuality");
            return new QualityReport(0.9, List.of());
        }

        @Override
        public void recordResult(DocumentPipelineResult result) {
            calls.add("recordResult");
        }

        @Override
        public void discard(String documentId) {
            calls.add("discard");
        }
    }
}
