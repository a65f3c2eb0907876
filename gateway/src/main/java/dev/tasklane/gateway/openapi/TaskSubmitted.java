package dev.tasklane.gateway.openapi;

import dev.tasklane.gateway.tasks.TaskView;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The answers of an operation that submits a task: 202 with the new task, or 200 with the one a key already made. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@ApiResponse(responseCode = "202", description = "Accepted: the new task, queued or scheduled.",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = TaskView.class)),
        headers = @Header(name = "Location", description = "The path of the new task."))
@ApiResponse(responseCode = "200", description = "The task an earlier submission with this idempotency key made.",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = TaskView.class)),
        headers = @Header(name = "Location", description = "The path of the task."))
public @interface TaskSubmitted {
}
