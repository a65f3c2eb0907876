package dev.tasklane.gateway.tasks;

import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.gateway.security.Roles;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** Lists the task types clients can submit, with their payload fields. */
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

    @Get
    public List<TaskTypeView> list() {
        return types.all().stream().map(t -> new TaskTypeView(t.name(), t.description(), "/api/tasks/" + t.name(),
                t.requiredRole(), types.schema(t.name()).fields())).toList();
    }
}
