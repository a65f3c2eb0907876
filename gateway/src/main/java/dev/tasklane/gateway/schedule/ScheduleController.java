package dev.tasklane.gateway.schedule;

import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.gateway.security.Roles;
import dev.tasklane.gateway.tasks.TaskSubmitController;
import dev.tasklane.gateway.tasks.TaskView;
import dev.tasklane.gateway.tasks.TaskViews;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;

import java.net.URI;
import java.util.List;

/** Recurring schedules of the caller's tenant: a MANAGER reads them, an ADMIN changes them. */
@Controller("/api/schedules")
@Secured(Roles.ADMIN)
@ServesApi
@ExecuteOn(TaskExecutors.BLOCKING)
public class ScheduleController {

    private final ScheduleReader reader;
    private final Schedules schedules;
    private final ScheduleViews views;
    private final TaskViews tasks;

    public ScheduleController(ScheduleReader reader, Schedules schedules, ScheduleViews views, TaskViews tasks) {
        this.reader = reader;
        this.schedules = schedules;
        this.views = views;
        this.tasks = tasks;
    }

    /** The tenant's schedules by name. */
    @Serdeable
    public record ScheduleList(List<ScheduleView> items) {
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<ScheduleView> create(@Body JsonNode body, Authentication authentication) {
        ScheduleView created = views.of(schedules.create(reader.read(body, null), Caller.of(authentication), false));
        return HttpResponse.created(created, URI.create(created.links().get("self")));
    }

    @Get
    @Secured(Roles.MANAGER)
    public ScheduleList list(Authentication authentication) {
        return new ScheduleList(schedules.list(Caller.of(authentication)).stream().map(views::of).toList());
    }

    @Get("/{name}")
    @Secured(Roles.MANAGER)
    public ScheduleView get(@PathVariable String name, Authentication authentication) {
        return views.of(schedules.require(name, Caller.of(authentication)));
    }

    @Put("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ScheduleView update(@PathVariable String name, @Body JsonNode body, Authentication authentication) {
        return views.of(schedules.update(name, reader.read(body, name), Caller.of(authentication)));
    }

    /** Pauses the schedule; an optional body {@code {"note": "..."}} says why. */
    @Post("/{name}/pause")
    public ScheduleView pause(@PathVariable String name, @Nullable @Body JsonNode body, Authentication authentication) {
        return views.of(schedules.setEnabled(name, false, reader.note(body), Caller.of(authentication)));
    }

    /** Resumes the schedule; an optional body {@code {"note": "..."}} says why. */
    @Post("/{name}/resume")
    public ScheduleView resume(@PathVariable String name, @Nullable @Body JsonNode body,
                               Authentication authentication) {
        return views.of(schedules.setEnabled(name, true, reader.note(body), Caller.of(authentication)));
    }

    /** Runs each fire time from {@code from} to {@code to} once, one after another: 202 with the schedule. */
    @Post("/{name}/backfill")
    public HttpResponse<ScheduleView> backfill(@PathVariable String name, @Nullable @Body JsonNode body,
                                               Authentication authentication) {
        return HttpResponse.accepted().body(views.of(schedules.backfill(name, body, Caller.of(authentication))));
    }

    /** Runs the schedule's task now: 202 with the task, which names the schedule. */
    @Post("/{name}/trigger")
    public HttpResponse<TaskView> trigger(@PathVariable String name, Authentication authentication) {
        return TaskSubmitController.answer(schedules.trigger(name, Caller.of(authentication)), tasks);
    }

    @Delete("/{name}")
    public HttpResponse<Void> delete(@PathVariable String name, Authentication authentication) {
        schedules.delete(name, Caller.of(authentication));
        return HttpResponse.noContent();
    }
}
