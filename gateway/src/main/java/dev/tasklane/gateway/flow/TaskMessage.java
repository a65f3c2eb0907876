package dev.tasklane.gateway.flow;

import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.security.Roles;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.core.annotation.Nullable;

import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A signal, query or update a task type's workflow takes from the REST API ({@code /api/tasks/{id}/signals/{name}},
 * {@code /queries/{name}}, {@code /updates/{name}}): what it is called, what it takes and answers, who may send it
 * and while the task is in which states. The workflow's signal or update method takes the argument record, if there
 * is one, then the sender's subject; a query takes none.
 *
 * @param name         its name in the workflow, and in the path
 * @param kind         signal, query or update
 * @param description  one sentence for the task-type listing
 * @param argumentType the record its JSON body is checked against and read into; null when it takes none
 * @param resultType   what a query or update answers; null for a signal
 * @param requiredRole the least role that may send it to a task the caller can see
 * @param statuses     the states a task takes it in; a task in another is a 409
 * @param check        what the argument's field types cannot say, one error per fault under the field's name
 * @param <A>          the argument record
 */
public record TaskMessage<A extends Record>(String name, Kind kind, String description,
                                            @Nullable Class<A> argumentType, @Nullable Class<?> resultType,
                                            String requiredRole, Set<TaskStatus> statuses,
                                            BiConsumer<A, FieldErrors> check) {

    /** The kinds of message, as Temporal has them. */
    public enum Kind {
        SIGNAL, QUERY, UPDATE;

        /** The path segment of its endpoint: {@code signals}, {@code queries} or {@code updates}. */
        public String path() {
            return switch (this) {
                case SIGNAL -> "signals";
                case QUERY -> "queries";
                case UPDATE -> "updates";
            };
        }
    }

    /** Checks {@code argument}, read from a body, adding an error per fault. */
    @SuppressWarnings("unchecked")
    void checkArgument(Object argument, FieldErrors errors) {
        check.accept((A) argument, errors);
    }

    /** A signal without a body that a caller with {@code role} may send while the task is in {@code statuses}. */
    public static TaskMessage<Record> signal(String name, String description, String role, Set<TaskStatus> statuses) {
        return new TaskMessage<>(name, Kind.SIGNAL, description, null, null, role, statuses, (none, errors) -> { });
    }

    /** A query any caller who sees the task may send while it has not ended. */
    public static TaskMessage<Record> query(String name, String description, Class<?> resultType) {
        return new TaskMessage<>(name, Kind.QUERY, description, null, resultType, Roles.USER,
                Set.copyOf(TaskStatus.unfinished()), (none, errors) -> { });
    }
}
