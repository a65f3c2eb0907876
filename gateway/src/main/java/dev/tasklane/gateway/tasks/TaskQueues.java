package dev.tasklane.gateway.tasks;

import dev.tasklane.gateway.config.TemporalProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which Temporal task queue each task type runs on: the shared queue, unless a route ({@code tasklane.temporal.routes})
 * gives the type a queue of its own, so heavy work can run on workers that serve nothing else.
 */
@Singleton
public class TaskQueues {

    private final String shared;
    private final Map<String, String> routes = new LinkedHashMap<>();
    private final TaskTypes types;

    public TaskQueues(TaskTypes types, TemporalProperties temporal) {
        this.types = types;
        this.shared = temporal.taskQueue();
        for (String route : entries(temporal.routes())) {
            String[] parts = route.split("=", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new ConfigurationException("task queue route '" + route
                        + "' is not type=queue (TASKLANE_TASK_QUEUE_ROUTES, such as document-pipeline=documents)");
            }
            String type = parts[0].trim();
            if (types.find(type).isEmpty()) {
                throw new ConfigurationException("task queue route '" + route + "' names no task type; the types are "
                        + types.names());
            }
            if (routes.put(type, parts[1].trim()) != null) {
                throw new ConfigurationException("task type " + type + " is routed twice in TASKLANE_TASK_QUEUE_ROUTES");
            }
        }
    }

    /** The non-blank entries of a comma-separated setting. */
    public static List<String> entries(List<String> setting) {
        return setting == null ? List.of() : setting.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The queue {@code type}'s tasks run on. */
    public String of(String type) {
        return routes.getOrDefault(type, shared);
    }

    /** The queue every unrouted type and the platform's own workflows run on. */
    public String shared() {
        return shared;
    }

    /** Every queue, the shared one first. */
    public List<String> all() {
        Set<String> all = new LinkedHashSet<>();
        all.add(shared);
        all.addAll(routes.values());
        return List.copyOf(all);
    }

    /** The task types that run on {@code queue}, by name. */
    public List<String> typesOn(String queue) {
        List<String> on = new ArrayList<>();
        for (TaskType<?> type : types.all()) {
            if (of(type.name()).equals(queue)) {
                on.add(type.name());
            }
        }
        return on;
    }
}
