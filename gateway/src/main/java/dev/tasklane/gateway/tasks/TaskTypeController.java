package dev.tasklane.gateway.tasks;

import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.gateway.flow.TaskMessage;
import dev.tasklane.gateway.flow.TaskMessages;
import dev.tasklane.gateway.openapi.CommonProblems;
import dev.tasklane.gateway.security.Roles;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;
import java.util.Locale;

/** Lists the task types clients can submit, with their payload fields. */
@Tag(name = "tasks")
@CommonProblems
@Controller("/api/task-types")
@Secured(Roles.USER)
@ServesApi
public class TaskTypeController {

    /**
     * One task type as clients see it.
     *
     * @param name         what submissions name it by
     * @param description  one sentence
     * @param submit       its typed endpoint
     * @param requiredRole the least role that submits it
     * @param taskQueue    the Temporal task queue its tasks run on
     * @param fields       its payload's fields
     * @param messages     the signals, queries and updates its tasks take
     */
    @Serdeable
    public record TaskTypeView(String name, String description, String submit, String requiredRole, String taskQueue,
                               List<PayloadSchema.Field> fields, List<MessageView> messages) {
    }

    /**
     * A signal, query or update tasks of a type take.
     *
     * @param kind         signal, query or update
     * @param name         its name
     * @param description  one sentence
     * @param path         where to send it, {@code {id}} standing for the task
     * @param requiredRole the least role that sends it
     * @param statuses     the states a task takes it in
     * @param fields       its body's fields; none for a message without a body
     */
    @Serdeable
    public record MessageView(String kind, String name, String description, String path, String requiredRole,
                              List<String> statuses, List<PayloadSchema.Field> fields) {

        static MessageView of(TaskMessage<?> message) {
            return new MessageView(message.kind().name().toLowerCase(Locale.ROOT), message.name(),
                    message.description(), "/api/tasks/{id}/" + message.kind().path() + "/" + message.name(),
                    message.requiredRole(), message.statuses().stream().map(Enum::name).sorted().toList(),
                    message.argumentType() == null ? List.of() : PayloadSchema.of(message.argumentType()).fields());
        }
    }

    private final TaskTypes types;
    private final TaskQueues queues;
    private final TaskMessages messages;

    public TaskTypeController(TaskTypes types, TaskQueues queues, TaskMessages messages) {
        this.types = types;
        this.queues = queues;
        this.messages = messages;
    }

    @Operation(operationId = "listTaskTypes",
            summary = "The task types, with their payload fields, task queue and the messages their tasks take.")
    @Get
    public List<TaskTypeView> list() {
        return types.all().stream().map(t -> new TaskTypeView(t.name(), t.description(), "/api/tasks/" + t.name(),
                t.requiredRole(), queues.of(t.name()), types.schema(t.name()).fields(),
                messages.of(t).stream().map(MessageView::of).toList())).toList();
    }
}
