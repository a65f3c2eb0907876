package dev.tasklane.workflows.lifecycle;

import io.temporal.workflow.QueryMethod;

/** What every task workflow answers, whatever its type: the progress snapshot the Web UI and gateway query. */
public interface TaskWorkflow {

    /** Name of the progress query, for untyped stubs. */
    String PROGRESS_QUERY = "progress";

    @QueryMethod(name = PROGRESS_QUERY)
    TaskProgress progress();
}
