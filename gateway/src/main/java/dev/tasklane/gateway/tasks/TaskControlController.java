package dev.tasklane.gateway.tasks;

import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.gateway.security.Roles;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;

import java.net.URI;

/** Cancel, retry and delete endpoints: a USER acts on their own tasks, a MANAGER on the tenant's; deletes are ADMIN's. */
@Controller("/api/tasks/{id}")
@Secured(Roles.USER)
@ServesApi
@ExecuteOn(TaskExecutors.BLOCKING)
public class TaskControlController {

    private final TaskControl control;
    private final TaskViews views;

    public TaskControlController(TaskControl control, TaskViews views) {
        this.control = control;
        this.views = views;
    }

    @Post("/cancel")
    public HttpResponse<TaskView> cancel(@PathVariable String id, Authentication authentication) {
        return HttpResponse.accepted().body(views.of(control.cancel(id, Caller.of(authentication))));
    }

    @Post("/retry")
    public HttpResponse<TaskView> retry(@PathVariable String id, Authentication authentication) {
        TaskView retried = views.of(control.retry(id, Caller.of(authentication)));
        return HttpResponse.accepted(URI.create(retried.links().get("self"))).body(retried);
    }

    @Delete
    @Secured(Roles.ADMIN)
    public HttpResponse<Void> delete(@PathVariable String id, Authentication authentication) {
        control.delete(id, Caller.of(authentication));
        return HttpResponse.noContent();
    }
}
