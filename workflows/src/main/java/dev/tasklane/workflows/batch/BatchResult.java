package dev.tasklane.workflows.batch;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * How a batch's children ended.
 *
 * @param errors   one entry per failed child
 * @param taskIds  every child's task ID, in submission order
 * @param stopped  true when the first failure stopped the batch ({@code onFailure: stop})
 */
@Serdeable
public record BatchResult(int total, int successful, int failed, int cancelled, double processingTimeSeconds,
                          List<BatchError> errors, List<String> taskIds, boolean stopped) {

    /** Why one child failed. */
    @Serdeable
    public record BatchError(String taskId, String type, String message) {
    }
}
