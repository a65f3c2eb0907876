package dev.tasklane.gateway.openapi;

import dev.tasklane.gateway.document.DocumentView;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The answers of an operation that takes a document: 202 with it and its task, or 200 with the same content's. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@ApiResponse(responseCode = "202", description = "The document and its pipeline task.",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = DocumentView.class)),
        headers = @Header(name = "Location", description = "The path of the document."))
@ApiResponse(responseCode = "200", description = "The document the same content made before.",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = DocumentView.class)),
        headers = @Header(name = "Location", description = "The path of the document."))
public @interface DocumentTaken {
}
