package dev.tasklane.activities.webhook;

import dev.tasklane.activities.store.CallingTask;
import dev.tasklane.activities.store.JsonColumns;
import dev.tasklane.activities.store.TaskRow;
import dev.tasklane.workflows.lifecycle.CallbackActivities;
import dev.tasklane.workflows.lifecycle.TaskCallback;
import dev.tasklane.workflows.lifecycle.TaskProgress;
import dev.tasklane.workflows.webhook.WebhookDeliveryRequest;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/** Posts a finished task's final state to its callback, made exactly as a webhook delivery is. */
@Singleton
public class CallbackActivitiesImpl implements CallbackActivities {

    private final WebhookDeliveryActivitiesImpl delivery;
    private final CallingTask callingTask;
    private final JsonColumns json;

    public CallbackActivitiesImpl(WebhookDeliveryActivitiesImpl delivery, CallingTask callingTask, JsonColumns json) {
        this.delivery = delivery;
        this.callingTask = callingTask;
        this.json = json;
    }

    @Override
    public void deliverFinalState(TaskCallback callback) {
        TaskRow task = callingTask.row();
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("id", task.id());
        state.put("type", task.type());
        state.put("status", task.status().name());
        state.put("result", json.read(task.resultJson(), Object.class));
        state.put("error", json.read(task.errorJson(), Object.class));
        state.put("attempt", task.attempt());
        state.put("startedAt", task.startedAt() == null ? null : task.startedAt().toString());
        state.put("completedAt", task.completedAt() == null ? null : task.completedAt().toString());
        delivery.deliverAs(new WebhookDeliveryRequest(callback.url(), null, null, state, callback.secret(), null),
                RETRY, task.id() + "#callback", TaskProgress.NONE);
    }
}
