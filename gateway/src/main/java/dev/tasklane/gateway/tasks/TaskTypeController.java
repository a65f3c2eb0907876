package dev.tasklane.gateway.tasks;

import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.gateway.openapi.CommonProblems;
import dev.tasklane.gateway.security.Roles;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/** Lists the task types clients can submit, with their payload fields. */
@Tag(name = "tasks")
@CommonProblems
@Controller("/api/task-types")
@Secured(Roles.USER)
@ServesApi
public class TaskTypeController {

    /** One task type as clients see it. */
    @Serdeable
    public record TaskTypeView(String name, String description, String submit, String requiredRole,
                               List<PayloadSchema.Field> fields) {
    }

    private final TaskTypes types;

    public TaskTypeController(TaskTypes types) {
        this.types = types;
    }

    @Operation(operationId = "listTaskTypes", summary = "The task types, with their payload fields.")
    @Get
    public List<TaskTypeView> list() {
        return types.all().stream().map(t -> new TaskTypeView(t.name(), t.description(), "/api/tasks/" + t.name(),
                t.requiredRole(), types.schema(t.name()).fields())).toList();
    }
}
