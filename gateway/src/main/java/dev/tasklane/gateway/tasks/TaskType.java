package dev.tasklane.gateway.tasks;

import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.security.Roles;

/**
 * A kind of task clients can submit: its name, the workflow that runs it and the payload it takes.
 * Each task type package holds one bean of this.
 *
 * @param <P> the payload record, which is also the workflow's first argument
 */
public interface TaskType<P> {

    /** The name clients use, such as {@code webhook-delivery}; also the prefix of task IDs. */
    String name();

    /** One sentence for the task-type listing. */
    String description();

    Class<P> payloadType();

    /** The workflow interface; its simple name is the Temporal workflow type. */
    Class<?> workflowInterface();

    /** Checks what field types cannot: ranges, formats, allowed destinations. Adds one error per fault. */
    void validate(P payload, FieldErrors errors);

    /** One line the Temporal Web UI shows for the workflow. */
    String summary(P payload);

    /** The least role that may submit it: {@code MANAGER} for privileged types such as syncs. */
    default String requiredRole() {
        return Roles.USER;
    }

    default String workflowType() {
        return workflowInterface().getSimpleName();
    }
}
