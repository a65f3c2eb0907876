package dev.tasklane.gateway.openapi;

import dev.tasklane.gateway.sync.external.ExternalSyncTaskType;
import dev.tasklane.gateway.sync.external.N8nTriggerController;
import dev.tasklane.gateway.tasks.TaskSubmission;
import dev.tasklane.gateway.tasks.TaskType;
import dev.tasklane.gateway.tasks.TaskTypes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.tasklane.gateway.openapi.OpenApiDocument.child;

/** The parts of the API's document that follow from the registered task types: their payloads and submissions. */
final class TaskTypeSchemas {

    private static final String SCHEMAS = "#/components/schemas/";

    private final TaskTypes types;

    TaskTypeSchemas(TaskTypes types) {
        this.types = types;
    }

    /**
     * Adds, per task type, its payload ({@code <Type>Payload}) and its generic submission ({@code <Type>Submission}); a
     * {@code TaskSubmission} is one of the latter, told apart by {@code type}. The typed endpoint's {@code type} takes
     * the registered names, and its body is one type's payload with the options the endpoint takes beside it.
     */
    void addTo(Map<String, Object> document, Map<String, Object> schemas) {
        @SuppressWarnings("unchecked")
        Map<String, Object> envelope = (Map<String, Object>) schemas.get(TaskSubmission.class.getSimpleName());
        @SuppressWarnings("unchecked")
        Map<String, Object> envelopeFields = (Map<String, Object>) envelope.get("properties");
        List<Object> submissions = new ArrayList<>();
        List<Object> typedBodies = new ArrayList<>();
        Map<String, Object> mapping = new LinkedHashMap<>();
        for (TaskType<?> type : types.all()) {
            String name = componentName(type.name());
            Map<String, Object> payload = types.schema(type.name()).jsonSchema();
            payload.put("description", "The " + type.name() + " payload. " + type.description());
            schemas.put(name + "Payload", payload);

            Map<String, Object> submission = new LinkedHashMap<>(envelope);
            Map<String, Object> fields = new LinkedHashMap<>(envelopeFields);
            fields.put("type", Map.of("const", type.name(), "description", "The task type."));
            fields.put("payload", Map.of("$ref", SCHEMAS + name + "Payload"));
            submission.put("properties", fields);
            submission.put("description", "A " + type.name() + " task to run.");
            schemas.put(name + "Submission", submission);
            submissions.add(Map.of("$ref", SCHEMAS + name + "Submission"));
            mapping.put(type.name(), SCHEMAS + name + "Submission");

            @SuppressWarnings("unchecked")
            Map<String, Object> typedFields = new LinkedHashMap<>((Map<String, Object>) payload.get("properties"));
            for (String option : TaskSubmission.TYPED_ENDPOINT_OPTIONS) {
                typedFields.putIfAbsent(option, envelopeFields.get(option));
            }
            Map<String, Object> typed = new LinkedHashMap<>(payload);
            typed.put("properties", typedFields);
            typed.put("title", type.name());
            typedBodies.add(typed);
        }
        Map<String, Object> union = new LinkedHashMap<>();
        union.put("description", "A task to run: its type, its payload, and how to run it.");
        union.put("oneOf", submissions);
        union.put("discriminator", Map.of("propertyName", "type", "mapping", mapping));
        schemas.put(TaskSubmission.class.getSimpleName(), union);
        schemas.put("ExternalSyncTrigger", externalSyncTrigger(envelopeFields));

        Map<String, Object> typedSubmit = child(child(child(document, "paths"), "/api/tasks/{type}"), "post");
        for (Object parameter : (List<?>) typedSubmit.get("parameters")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> declared = (Map<String, Object>) parameter;
            if ("type".equals(declared.get("name"))) {
                declared.put("schema", Map.of("type", "string",
                        "enum", types.all().stream().map(TaskType::name).toList()));
            }
        }
        Map<String, Object> json = child(child(child(typedSubmit, "requestBody"), "content"), "application/json");
        json.put("schema", Map.of("anyOf", typedBodies, "description",
                "The payload of the type the path names, with priority, runAt, callbackUrl and callbackSecret beside"
                        + " its fields unless it has fields of those names."));
    }

    /** The n8n trigger's body: the external-sync payload with its url as webhookUrl, and a few submission fields. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> externalSyncTrigger(Map<String, Object> envelope) {
        Map<String, Object> trigger = types.schema(ExternalSyncTaskType.NAME).jsonSchema();
        Map<String, Object> fields = new LinkedHashMap<>((Map<String, Object>) trigger.get("properties"));
        Map<String, Object> url = new LinkedHashMap<>((Map<String, Object>) fields.remove("url"));
        url.put("type", List.of("string", "null"));
        url.put("description", url.get("description") + " Default: the configured n8n webhook.");
        fields.put(N8nTriggerController.WEBHOOK_URL, url);
        N8nTriggerController.ENVELOPE_FIELDS.forEach(field -> fields.put(field, envelope.get(field)));
        trigger.put("properties", fields);
        List<String> required = ((List<String>) trigger.getOrDefault("required", List.of())).stream()
                .filter(field -> !field.equals("url")).toList();
        if (required.isEmpty()) {
            trigger.remove("required");
        } else {
            trigger.put("required", required);
        }
        return trigger;
    }

    /** {@code webhook-delivery} → {@code WebhookDelivery}. */
    private static String componentName(String typeName) {
        StringBuilder name = new StringBuilder();
        for (String word : typeName.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                name.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
            }
        }
        return name.toString();
    }

}
