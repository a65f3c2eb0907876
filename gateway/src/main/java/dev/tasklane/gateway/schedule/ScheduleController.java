package dev.tasklane.gateway.schedule;

import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.gateway.openapi.BodyProblems;
import dev.tasklane.gateway.openapi.CommonProblems;
import dev.tasklane.gateway.openapi.ConflictProblem;
import dev.tasklane.gateway.openapi.NotFoundProblem;
import dev.tasklane.gateway.openapi.TaskSubmitted;
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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

/** Recurring schedules of the caller's tenant: a MANAGER reads them, an ADMIN changes them. */
@Tag(name = "schedules")
@CommonProblems
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

    @Operation(operationId = "createSchedule", summary = "Creates a schedule.")
    @ApiResponse(
            responseCode = "201",
            description = "The schedule.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ScheduleView.class)))
    @BodyProblems
    @ConflictProblem
    @RequestBody(
            description = "The schedule.",
            content = @Content(schema = @Schema(ref = "#/components/schemas/ScheduleDefinition")))
    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<ScheduleView> create(@Body JsonNode body, Authentication authentication) {
        ScheduleView created = views.of(schedules.create(reader.read(body, null), Caller.of(authentication), false));
        return HttpResponse.created(created, URI.create(created.links().get("self")));
    }

    @Operation(operationId = "listSchedules", summary = "The tenant's schedules.")
    @Get
    @Secured(Roles.MANAGER)
    public ScheduleList list(Authentication authentication) {
        return new ScheduleList(schedules.list(Caller.of(authentication)).stream().map(views::of).toList());
    }

    @Operation(operationId = "getSchedule", summary = "One schedule.")
    @NotFoundProblem
    @Get("/{name}")
    @Secured(Roles.MANAGER)
    public ScheduleView get(
            @Parameter(description = "The schedule's name.", schema = @Schema(implementation = String.class))
            @PathVariable String name,
            Authentication authentication) {
        return views.of(schedules.require(name, Caller.of(authentication)));
    }

    @Operation(operationId = "updateSchedule", summary = "Replaces a schedule's definition.")
    @NotFoundProblem
    @BodyProblems
    @RequestBody(
            description = "The schedule's new definition; its name, if given, must be the path's.",
            content = @Content(schema = @Schema(ref = "#/components/schemas/ScheduleDefinition")))
    @Put("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ScheduleView update(
            @Parameter(description = "The schedule's name.", schema = @Schema(implementation = String.class))
            @PathVariable String name,
            @Body JsonNode body,
            Authentication authentication) {
        return views.of(schedules.update(name, reader.read(body, name), Caller.of(authentication)));
    }

    /** Pauses the schedule; an optional body {@code {"note": "..."}} says why. */
    @Operation(operationId = "pauseSchedule", summary = "Pauses a schedule.")
    @NotFoundProblem
    @BodyProblems
    @RequestBody(
            required = false,
            description = "Why, optionally.",
            content = @Content(schema = @Schema(ref = "#/components/schemas/PauseRequest")))
    @Post("/{name}/pause")
    public ScheduleView pause(
            @Parameter(description = "The schedule's name.", schema = @Schema(implementation = String.class))
            @PathVariable String name,
            @Nullable @Body JsonNode body,
            Authentication authentication) {
        return views.of(schedules.setEnabled(name, false, reader.note(body), Caller.of(authentication)));
    }

    /** Resumes the schedule; an optional body {@code {"note": "..."}} says why. */
    @Operation(operationId = "resumeSchedule", summary = "Resumes a schedule.")
    @NotFoundProblem
    @BodyProblems
    @RequestBody(
            required = false,
            description = "Why, optionally.",
            content = @Content(schema = @Schema(ref = "#/components/schemas/PauseRequest")))
    @Post("/{name}/resume")
    public ScheduleView resume(
            @Parameter(description = "The schedule's name.", schema = @Schema(implementation = String.class))
            @PathVariable String name,
            @Nullable @Body JsonNode body,
            Authentication authentication) {
        return views.of(schedules.setEnabled(name, true, reader.note(body), Caller.of(authentication)));
    }

    /** Runs each fire time from {@code from} to {@code to} once, one after another: 202 with the schedule. */
    @Operation(operationId = "backfillSchedule", summary = "Runs a schedule's fire times in a past range.")
    @ApiResponse(
            responseCode = "202",
            description = "The schedule.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ScheduleView.class)))
    @NotFoundProblem
    @BodyProblems
    @RequestBody(
            required = false,
            description = "The range of fire times to run.",
            content = @Content(schema = @Schema(ref = "#/components/schemas/BackfillRequest")))
    @Post("/{name}/backfill")
    public HttpResponse<ScheduleView> backfill(
            @Parameter(description = "The schedule's name.", schema = @Schema(implementation = String.class))
            @PathVariable String name,
            @Nullable @Body JsonNode body,
            Authentication authentication) {
        return HttpResponse.accepted().body(views.of(schedules.backfill(name, body, Caller.of(authentication))));
    }

    /** Runs the schedule's task now: 202 with the task, which names the schedule. */
    @Operation(operationId = "triggerSchedule", summary = "Runs a schedule's task now.")
    @TaskSubmitted
    @NotFoundProblem
    @Post("/{name}/trigger")
    public HttpResponse<TaskView> trigger(
            @Parameter(description = "The schedule's name.", schema = @Schema(implementation = String.class))
            @PathVariable String name,
            Authentication authentication) {
        return TaskSubmitController.answer(schedules.trigger(name, Caller.of(authentication)), tasks);
    }

    @Operation(operationId = "deleteSchedule", summary = "Deletes a schedule.")
    @ApiResponse(responseCode = "204", description = "Deleted.")
    @NotFoundProblem
    @Delete("/{name}")
    public HttpResponse<Void> delete(
            @Parameter(description = "The schedule's name.", schema = @Schema(implementation = String.class))
            @PathVariable String name,
            Authentication authentication) {
        schedules.delete(name, Caller.of(authentication));
        return HttpResponse.noContent();
    }
}
