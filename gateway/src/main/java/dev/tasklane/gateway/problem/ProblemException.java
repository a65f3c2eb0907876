package dev.tasklane.gateway.problem;

import java.util.List;

/** Ends a request with a problem response; thrown wherever the fault is found. */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<FieldError> errors;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ProblemException(ProblemType type, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
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

    public static ProblemException taskNotFound(String id) {
        return new ProblemException(ProblemType.TASK_NOT_FOUND, "no task with id '" + id + "'");
    }

    public Problem toProblem() {
        return Problem.of(type, getMessage(), errors);
    }

    public ProblemType type() {
        return type;
    }
}
