package dev.tasklane.activities.lifecycle;

import dev.tasklane.activities.outbound.HttpDelivery;
import dev.tasklane.activities.outbound.OutboundCall;
import dev.tasklane.store.JsonColumns;
import dev.tasklane.store.task.TaskRow;
import dev.tasklane.workflows.lifecycle.CallbackActivities;
import dev.tasklane.workflows.lifecycle.TaskCallback;
import dev.tasklane.workflows.lifecycle.TaskProgress;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/** Posts a finished task's final state to its callback, through the engine every outbound call takes. */
@Singleton
public class CallbackActivitiesImpl implements CallbackActivities {

    /** How long a callback waits for its receiver's answer, as a webhook does by default. */
    private static final int TIMEOUT_SECONDS = 30;

    private final HttpDelivery delivery;
    private final CallingTask callingTask;
    private final JsonColumns json;

    public CallbackActivitiesImpl(HttpDelivery delivery, CallingTask callingTask, JsonColumns json) {
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
        delivery.deliver(new OutboundCall(callback.url(), "POST", null, state, callback.secret(), TIMEOUT_SECONDS),
                RETRY, task.id() + "#callback", TaskProgress.NONE);
    }
}
