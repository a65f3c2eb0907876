package dev.tasklane.workflows.bulk;

import dev.tasklane.workflows.lifecycle.RecordingLifecycle;
import dev.tasklane.workflows.lifecycle.RetrySettings;
import dev.tasklane.workflows.lifecycle.TaskSettings;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BulkActionWorkflowTest {

    private static final BulkActionRequest CANCEL = new BulkActionRequest(BulkActionRequest.CANCEL, null, null, null,
            null, List.of("USER"));

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(BulkActionWorkflowImpl.class)
            .setDoNotStart(true)
            .build();

    private final RecordingLifecycle lifecycle = new RecordingLifecycle();

    @Test
    void everyPageIsAppliedInTurnWithItsProgressAndTheResultSumsThem(TestWorkflowEnvironment env, Worker worker,
                                                                     BulkActionWorkflow workflow) {
        List<String> cursors = new ArrayList<>();
        worker.registerActivitiesImplementations(lifecycle, new BulkActionActivities() {
            @Override
            public long countMatching(String bulkTaskId, BulkActionRequest request) {
                return 250;
            }

            @Override
            public BulkActionPage applyPage(String bulkTaskId, BulkActionRequest request, String cursor) {
                cursors.add(String.valueOf(cursor));
                return switch (cursors.size()) {
                    case 1 -> new BulkActionPage(100, 0, List.of(), "after-100");
                    case 2 -> new BulkActionPage(98, 1, List.of("t-7: refused"), "after-200");
                    default -> new BulkActionPage(50, 0, List.of(), null);
                };
            }
        });
        env.start();

        BulkActionResult result = workflow.run(CANCEL, new TaskSettings(RetrySettings.DEFAULT, null));

        assertEquals(List.of("null", "after-100", "after-200"), cursors);
        assertEquals(new BulkActionResult("cancel", 250, 248, 1, 1, List.of("t-7: refused")), result);
        assertEquals(List.of(100.0 * 100 / 250, 100.0 * 200 / 250, 100.0),
                lifecycle.progress.stream().map(progress -> progress.percent()).toList());
        assertEquals("250 of 250 tasks: 248 cancelled, 1 failed",
                lifecycle.progress.get(lifecycle.progress.size() - 1).message());
        assertEquals(TaskStatus.COMPLETED, lifecycle.statuses().get(lifecycle.statuses().size() - 1));
    }
}
