package dev.tasklane.gateway.problem;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.data.connection.exceptions.ConnectionException;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;

/**
 * Tells a dependency that is down from a fault of ours: an error caused by the store or Temporal not answering
 * is a 503 that names which one, not a 500.
 */
public record Outage(ProblemType type, String reason) {

    private static final Set<Status.Code> TEMPORAL_DOWN = Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED);

    /** The outage behind {@code error}, if one of its causes shows that a dependency did not answer. */
    public static Optional<Outage> of(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof StatusRuntimeException grpc && TEMPORAL_DOWN.contains(grpc.getStatus().getCode())) {
                return Optional.of(new Outage(ProblemType.TEMPORAL_UNAVAILABLE, "Temporal did not answer ("
                        + grpc.getStatus().getCode() + "); nothing was changed, try again later"));
            }
            if (isStoreConnectionFailure(cause)) {
                return Optional.of(new Outage(ProblemType.STORE_UNAVAILABLE, "the task store did not answer ("
                        + cause.getMessage() + "); nothing was changed, try again later"));
            }
        }
        return Optional.empty();
    }

    /** No connection to be had or a pooled one found closed, a connection failure (SQL state 08), a shutdown (57P0x). */
    private static boolean isStoreConnectionFailure(Throwable cause) {
        if (cause instanceof ConnectionException || cause instanceof SQLTransientConnectionException
                || cause instanceof SQLNonTransientConnectionException) {
            return true;
        }
        if (cause instanceof SQLException sql && sql.getSQLState() != null) {
            return sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0");
        }
        return false;
    }
}
