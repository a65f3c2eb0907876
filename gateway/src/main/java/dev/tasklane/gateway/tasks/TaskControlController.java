package dev.tasklane.gateway.tasks;

import dev.tasklane.gateway.config.TasklaneProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.net.URI;

/** Cancel, retry and delete endpoints. */
@Controller("/api/tasks/{id}")
@Requires(property = "tasklane.role", notEquals = "worker")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TaskControlController {

    private final TaskControl control;
    private final TaskViews views;
    private final TasklaneProperties tasklane;

    public TaskControlController(TaskControl control, TaskViews views, TasklaneProperties tasklane) {
        this.control = control;
        this.views = views;
        this.tasklane = tasklane;
    }

    @Post("/cancel")
    public HttpResponse<TaskView> cancel(@PathVariable String id) {
        return HttpResponse.accepted().body(views.of(control.cancel(id, tasklane.tenant())));
    }

    @Post("/retry")
    public HttpResponse<TaskView> retry(@PathVariable String id) {
        TaskView retried = views.of(control.retry(id, tasklane.tenant()));
        return HttpResponse.accepted(URI.create(retried.links().get("self"))).body(retried);
    }

    @Delete
    public HttpResponse<Void> delete(@PathVariable String id) {
        control.delete(id, tasklane.tenant());
        return HttpResponse.noContent();
    }
}
