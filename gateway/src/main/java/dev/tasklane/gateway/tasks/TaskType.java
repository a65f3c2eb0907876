package dev.tasklane.gateway.tasks;

import dev.tasklane.gateway.flow.TaskMessage;
import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.security.Roles;
import dev.tasklane.workflows.lifecycle.RetrySettings;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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

    /** Its payload and result records, workflow and activities: what the worker registers and the launcher starts. */
    TaskWorkflowDeclaration<P, ?, ?> workflow();

    default Class<P> payloadType() {
        return workflow().payloadType();
    }

    /** Checks what field types cannot: ranges, formats, allowed destinations. Adds one error per fault. */
    void validate(P payload, FieldErrors errors);

    /**
     * What the task works on, in a few words a person understands, for the line the Temporal Web UI shows after the
     * type's name (such as {@code POST https://host/path}). It gets the payload with its credentials redacted and
     * shows no URL's query or user info ({@link dev.tasklane.workflows.lifecycle.ShownUrl}).
     */
    String summary(P payload);

    /**
     * Facts of the payload, label to value in order, that the Web UI's details of the task list under who submitted
     * it; the same rules as the summary's hold. None unless the type has some.
     */
    default Map<String, String> details(P payload) {
        return Map.of();
    }

    /**
     * The host the task calls, for limits keyed by {@code destination-host}; empty for a type that calls none, which
     * such limits then pass over.
     */
    default Optional<String> destinationHost(P payload) {
        return Optional.empty();
    }

    /** The host of {@code url} in lower case, for {@link #destinationHost}; empty when it names none. */
    static Optional<String> hostOf(String url) {
        try {
            return Optional.ofNullable(URI.create(url).getHost()).map(host -> host.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException notAUrl) {
            return Optional.empty();
        }
    }

    /**
     * The signals, queries and updates its running tasks take over the REST API besides the progress query every task
     * answers; none unless the type has some.
     */
    default List<TaskMessage<?>> messages() {
        return List.of();
    }

    /** Whether the limits that hold for its tasks apply ({@link dev.tasklane.gateway.flow.TaskLimits}). */
    default boolean waitsForLimits() {
        return true;
    }

    /** The least role that may submit it: {@code MANAGER} for privileged types such as syncs. */
    default String requiredRole() {
        return Roles.USER;
    }

    /**
     * The retry policy of a submission that names none, and what fills the fields its {@code retry} leaves out. The
     * field descriptions of {@code /api/task-types} give the platform's defaults, which every type keeps today.
     */
    default RetrySettings retryDefaults() {
        return RetrySettings.DEFAULT;
    }

    default String workflowType() {
        return workflow().workflowType();
    }
}
