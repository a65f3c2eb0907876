package dev.tasklane.workflows.batch;

import dev.tasklane.workflows.lifecycle.TaskSettings;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One child of a batch, already in the catalog: the task to start and what to start it with.
 *
 * @param taskId       the child's task ID, also its workflow ID
 * @param type         the child's task type
 * @param workflowType the child task type's workflow
 * @param payload      the child's checked payload, as JSON values
 * @param settings     the child's retry policy and timeout
 * @param priorityKey  the child's Temporal priority key
 * @param summary      the child's one line in the Temporal Web UI, as its task type writes it; null in batches
 *                     submitted before children had one
 * @param taskQueue    the task queue the child's type runs on; null in batches submitted before types had their own,
 *                     whose children run on the batch's
 */
@Serdeable
public record BatchItem(String taskId, String type, String workflowType, Object payload, TaskSettings settings,
                        int priorityKey, String summary, String taskQueue) {
}
