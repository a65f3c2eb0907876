package dev.tasklane.gateway.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ends a request with a problem response; thrown wherever the fault is found. */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<FieldError> errors;
    private final Map<String, String> headers;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ProblemException(ProblemType type, String detail, List<FieldError> errors) {
        this(type, detail, errors, Map.of());
    }

    private ProblemException(ProblemType type, String detail, List<FieldError> errors, Map<String, String> headers) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    /** The same problem with a response header added, such as {@code Retry-After}. */
    public ProblemException withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ProblemException(type, getMessage(), errors, more);
    }

    public static ProblemException invalid(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid; see errors";
        return new ProblemException(ProblemType.INVALID_REQUEST, detail, errors);
    }

    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    /** A 404 for a submission's {@code field} that names something the caller cannot see, or nothing at all. */
    public static ProblemException notFound(String field, String message) {
        return new ProblemException(ProblemType.NOT_FOUND, field + ": " + message, List.of(new FieldError(field, message)));
    }

    public static ProblemException taskNotFound(String id) {
        return new ProblemException(ProblemType.TASK_NOT_FOUND, "no task with id '" + id + "'");
    }

    public Problem toProblem() {
        return Problem.of(type, getMessage(), errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    public ProblemType type() {
        return type;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
