package dev.tasklane.workflows.webhook;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Deliveries an earlier version started still replay on this code, so they go on after an upgrade: their histories
 * were recorded by that version (a start that asked intake and recorded the start in two local activities, with and
 * without a pause).
 */
class EarlierDeliveryHistoriesTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"webhook-delivery-intake-gate-1.json", "webhook-delivery-paused-intake-gate-1.json"})
    void replaysOnThisCode(String history) throws Exception {
        WorkflowReplayer.replayWorkflowExecutionFromResource("histories/" + history, WebhookDeliveryWorkflowImpl.class);
    }
}
