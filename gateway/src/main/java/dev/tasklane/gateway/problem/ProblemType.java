package dev.tasklane.gateway.problem;

import io.micronaut.http.HttpStatus;

/** The kinds of error the API answers with, each a stable problem {@code type} URI and an HTTP status. */
public enum ProblemType {
    INVALID_REQUEST(HttpStatus.BAD_REQUEST, "Invalid request"),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "Unauthorized"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "Forbidden"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "Not found"),
    TASK_NOT_FOUND(HttpStatus.NOT_FOUND, "Task not found"),
    SCHEDULE_NOT_FOUND(HttpStatus.NOT_FOUND, "Schedule not found"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
    TASK_STATE_CONFLICT(HttpStatus.CONFLICT, "Task state conflict"),
    IDEMPOTENCY_KEY_REUSED(HttpStatus.CONFLICT, "Idempotency key reused"),
    SCHEDULE_EXISTS(HttpStatus.CONFLICT, "Schedule exists"),
    LENGTH_REQUIRED(HttpStatus.LENGTH_REQUIRED, "Length required"),
    PAYLOAD_TOO_LARGE(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "Request body too large"),
    URI_TOO_LONG(HttpStatus.REQUEST_URI_TOO_LONG, "URI too long"),
    HEADERS_TOO_LARGE(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "Request headers too large"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    QUOTA_EXCEEDED(HttpStatus.TOO_MANY_REQUESTS, "Quota exceeded"),
    TEMPORAL_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Temporal unavailable"),
    WORKER_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "No worker answered"),
    STORE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Store unavailable"),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

    private final HttpStatus status;
    private final String title;

    ProblemType(HttpStatus status, String title) {
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String uri() {
        return "urn:tasklane:problem:" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The type that fits a status the framework produced. */
    public static ProblemType ofStatus(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> INVALID_REQUEST;
            case UNAUTHORIZED -> UNAUTHORIZED;
            case FORBIDDEN -> FORBIDDEN;
            case NOT_FOUND -> NOT_FOUND;
            case METHOD_NOT_ALLOWED -> METHOD_NOT_ALLOWED;
            case NOT_ACCEPTABLE -> NOT_ACCEPTABLE;
            case REQUEST_ENTITY_TOO_LARGE -> PAYLOAD_TOO_LARGE;
            case REQUEST_URI_TOO_LONG -> URI_TOO_LONG;
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> HEADERS_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> UNSUPPORTED_MEDIA_TYPE;
            case TOO_MANY_REQUESTS -> QUOTA_EXCEEDED;
            case SERVICE_UNAVAILABLE -> TEMPORAL_UNAVAILABLE;
            default -> status.getCode() < 500 ? INVALID_REQUEST : INTERNAL_ERROR;
        };
    }
}
