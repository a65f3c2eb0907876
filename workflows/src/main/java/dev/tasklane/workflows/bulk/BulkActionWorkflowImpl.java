package dev.tasklane.workflows.bulk;

import dev.tasklane.workflows.lifecycle.TaskProgress;
import dev.tasklane.workflows.lifecycle.TaskRun;
import dev.tasklane.workflows.lifecycle.TaskSettings;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts the matching tasks, then applies the action a page at a time, each page an activity, reporting how many of
 * them are done; a cancelled bulk action stops between pages.
 */
public class BulkActionWorkflowImpl implements BulkActionWorkflow {

    /** The failures a result keeps, at most. */
    private static final int ERRORS_KEPT = 20;

    private final TaskRun run = new TaskRun();

    @Override
    public BulkActionResult run(BulkActionRequest request, TaskSettings settings) {
        BulkActionActivities activities = Workflow.newActivityStub(BulkActionActivities.class,
                ActivityOptions.newBuilder()
                        .setStartToCloseTimeout(Duration.ofMinutes(5))
                        .setRetryOptions(settings.retry().toRetryOptions())
                        .setSummary(request.action() + " the matching tasks")
                        .build());
        String id = Workflow.getInfo().getWorkflowId();
        long[] counts = new long[4];
        List<String> errors = new ArrayList<>();
        return run.execute(settings, () -> {
            run.enterStep("count");
            counts[0] = activities.countMatching(id, request);
            run.enterStep(request.action());
            String cursor = null;
            do {
                BulkActionPage page = activities.applyPage(id, request, cursor);
                counts[1] += page.applied();
                counts[2] += page.skipped();
                counts[3] += page.errors().size();
                page.errors().stream().limit(Math.max(0, ERRORS_KEPT - errors.size())).forEach(errors::add);
                long done = counts[1] + counts[2] + counts[3];
                run.reportProgress(run.progress().counting(done, Math.max(done, counts[0]), done + " of "
                        + counts[0] + " tasks: " + counts[1] + " " + past(request.action()) + ", " + counts[3]
                        + " failed"));
                cursor = page.nextCursor();
            } while (cursor != null);
            return result(request, counts, errors);
        }, () -> result(request, counts, errors));
    }

    private static BulkActionResult result(BulkActionRequest request, long[] counts, List<String> errors) {
        return new BulkActionResult(request.action(), counts[0], counts[1], counts[2], counts[3], List.copyOf(errors));
    }

    private static String past(String action) {
        return switch (action) {
            case BulkActionRequest.CANCEL -> "cancelled";
            case BulkActionRequest.RETRY -> "retried";
            default -> "deleted";
        };
    }

    @Override
    public TaskProgress progress() {
        return run.progress();
    }
}
