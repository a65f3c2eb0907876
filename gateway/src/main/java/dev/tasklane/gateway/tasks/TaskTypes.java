package dev.tasklane.gateway.tasks;

import dev.tasklane.gateway.problem.FieldErrors;
import jakarta.inject.Singleton;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The registry of task types by name, and each one's payload schema. */
@Singleton
public class TaskTypes {

    private final Map<String, TaskType<?>> byName;
    private final Map<String, PayloadSchema> schemas;

    public TaskTypes(List<TaskType<?>> types) {
        byName = types.stream().collect(Collectors.toMap(TaskType::name, Function.identity()));
        schemas = types.stream().collect(Collectors.toMap(TaskType::name, t -> schemaOf(t.payloadType())));
    }

    @SuppressWarnings("unchecked")
    private static PayloadSchema schemaOf(Class<?> payloadType) {
        return PayloadSchema.of((Class<? extends Record>) payloadType);
    }

    public Optional<TaskType<?>> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The type of {@code name}, or empty with an error under {@code field} naming the registered ones. */
    public Optional<TaskType<?>> known(String name, String field, FieldErrors errors) {
        Optional<TaskType<?>> type = find(name);
        if (type.isEmpty()) {
            errors.add(field, "unknown task type '" + name + "'; registered types are " + names());
        }
        return type;
    }

    public TaskType<?> require(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException("task type " + name + " is not registered"));
    }

    public PayloadSchema schema(String name) {
        return schemas.get(name);
    }

    public List<TaskType<?>> all() {
        return byName.values().stream().sorted(Comparator.comparing(TaskType::name)).toList();
    }

    public String names() {
        return all().stream().map(TaskType::name).collect(Collectors.joining(", "));
    }
}
