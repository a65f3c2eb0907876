package dev.tasklane.gateway.problem;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * An RFC 9457 problem document, the body of every error response.
 *
 * @param type   stable URI of the kind of problem
 * @param title  short summary of the kind
 * @param status HTTP status code
 * @param detail what went wrong in this request and what to change
 * @param errors the fields at fault, for invalid requests
 */
@Serdeable
public record Problem(String type, String title, int status, String detail, @Nullable List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ProblemType type, String detail, @Nullable List<FieldError> errors) {
        return new Problem(type.uri(), type.title(), type.status().getCode(), detail,
                errors == null || errors.isEmpty() ? null : errors);
    }
}
