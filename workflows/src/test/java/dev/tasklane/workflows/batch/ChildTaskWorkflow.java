package dev.tasklane.workflows.batch;

import dev.tasklane.workflows.lifecycle.TaskProgress;
import dev.tasklane.workflows.lifecycle.TaskSettings;
import dev.tasklane.workflows.lifecycle.TaskWorkflow;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

import java.time.Duration;
import java.util.Map;

/** A task a batch test starts as a child: it completes, fails or runs until cancelled, as its payload says. */
@WorkflowInterface
public interface ChildTaskWorkflow extends TaskWorkflow {

    String COMPLETE = "complete";
    String FAIL = "fail";
    String RUN_UNTIL_CANCELLED = "run";

    @WorkflowMethod
    String run(Map<String, String> payload, TaskSettings settings);

    /** Ends as {@code payload.outcome} says. */
    class Impl implements ChildTaskWorkflow {

        @Override
        public String run(Map<String, String> payload, TaskSettings settings) {
            switch (payload.get("outcome")) {
                case FAIL -> throw ApplicationFailure.newNonRetryableFailure("the child failed", "ChildFault");
                case RUN_UNTIL_CANCELLED -> {
                    // a timer, so that time skipping has somewhere near to go while a cancellation is on its way,
                    // rather than to the batch's execution timeout
                    while (true) {
                        Workflow.sleep(Duration.ofMinutes(1));
                    }
                }
                default -> {
                }
            }
            return "done";
        }

        @Override
        public TaskProgress progress() {
            return TaskProgress.NONE;
        }
    }
}
