package dev.tasklane.gateway.openapi;

import dev.tasklane.gateway.batch.BatchSubmission;
import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.gateway.document.DocumentBulkSubmission;
import dev.tasklane.gateway.document.DocumentSubmission;
import dev.tasklane.gateway.problem.ProblemType;
import dev.tasklane.gateway.schedule.BackfillRequest;
import dev.tasklane.gateway.schedule.PauseRequest;
import dev.tasklane.gateway.schedule.ScheduleDefinition;
import dev.tasklane.gateway.sync.external.ExternalSyncTaskType;
import dev.tasklane.gateway.sync.external.N8nTriggerController;
import dev.tasklane.gateway.tasks.PayloadSchema;
import dev.tasklane.gateway.tasks.TaskSubmission;
import dev.tasklane.gateway.tasks.TaskType;
import dev.tasklane.gateway.tasks.TaskTypes;
import jakarta.inject.Singleton;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The OpenAPI document {@code GET /openapi.yml} serves: the one micronaut-openapi wrote at build time from the
 * controllers and records, with every JSON body that is checked field by field described by the {@link PayloadSchema}
 * that checks it, and with the registered task types' payloads, so the document and the validation cannot disagree.
 */
@Singleton
@ServesApi
public class OpenApiDocument {

    static final String GENERATED = "META-INF/swagger/openapi.yml";
    private static final String SCHEMAS = "#/components/schemas/";
    private static final List<Class<? extends Record>> CHECKED_BODIES = List.of(TaskSubmission.class,
            BatchSubmission.class, DocumentSubmission.class, DocumentBulkSubmission.class, ScheduleDefinition.class,
            PauseRequest.class, BackfillRequest.class);

    /** A response body's field that names it, and the operations that take that name as a path parameter. */
    private record Follow(String field, String parameter, List<String> operations) {
    }

    /** What each response returning a task, schedule or document links to, for clients and stateful fuzzing. */
    private static final Map<String, Follow> FOLLOWS = Map.of(
            "TaskView", new Follow("id", "id", List.of("getTask", "getTaskLog", "cancelTask", "retryTask",
                    "deleteTask", "listSyncFailures")),
            "ScheduleView", new Follow("name", "name", List.of("getSchedule", "updateSchedule", "pauseSchedule",
                    "resumeSchedule", "backfillSchedule", "triggerSchedule", "deleteSchedule")),
            "DocumentView", new Follow("id", "id", List.of("getDocument", "listDocumentChunks", "deleteDocument")));

    private final String yaml;

    public OpenApiDocument(TaskTypes types) {
        Map<String, Object> document = generated();
        Map<String, Object> schemas = child(child(document, "components"), "schemas");
        for (Class<? extends Record> body : CHECKED_BODIES) {
            schemas.put(body.getSimpleName(), PayloadSchema.of(body).jsonSchema());
        }
        addTaskTypes(document, schemas, types);
        schemas.put("ExternalSyncTrigger", externalSyncTrigger(types));
        describeProblemTypes(schemas);
        repairNullables(document);
        addLinks(document);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(120);
        options.setDereferenceAliases(true);
        yaml = new Yaml(options).dump(document);
    }

    /** The document as YAML. */
    public String yaml() {
        return yaml;
    }

    /**
     * Per task type, its payload ({@code <Type>Payload}) and its generic submission ({@code <Type>Submission}); a
     * {@code TaskSubmission} is one of the latter, told apart by {@code type}. The typed endpoint's {@code type} takes
     * the registered names, and its body is one type's payload with the options the endpoint takes beside it.
     */
    private static void addTaskTypes(Map<String, Object> document, Map<String, Object> schemas, TaskTypes types) {
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

    /** Lists the problem types a {@code Problem}'s {@code type} takes, each with its title and status. */
    @SuppressWarnings("unchecked")
    private static void describeProblemTypes(Map<String, Object> schemas) {
        Map<String, Object> type = (Map<String, Object>) child(child(schemas, "Problem"), "properties").get("type");
        type.put("enum", Arrays.stream(ProblemType.values()).map(ProblemType::uri).toList());
        type.put("description", "The kind of problem: " + Arrays.stream(ProblemType.values())
                .map(kind -> "`" + kind.uri() + "` (" + kind.status().getCode() + ", " + kind.title() + ")")
                .collect(Collectors.joining("; ")) + ".");
    }

    /** Links every success response whose body is a task, schedule or document to the operations on it. */
    private static void addLinks(Map<String, Object> document) {
        for (Object item : child(document, "paths").values()) {
            for (Object operation : ((Map<?, ?>) item).values()) {
                if (!(operation instanceof Map<?, ?> declared) || !(declared.get("responses") instanceof Map<?, ?> all)) {
                    continue;
                }
                all.forEach((code, response) -> {
                    String returned = returnedSchema(response);
                    Follow follow = returned == null ? null : FOLLOWS.get(returned);
                    if (follow != null && String.valueOf(code).startsWith("2")) {
                        Map<String, Object> links = new LinkedHashMap<>();
                        follow.operations().forEach(target -> links.put(target, Map.of("operationId", target,
                                "parameters", Map.of(follow.parameter(), "$response.body#/" + follow.field()))));
                        @SuppressWarnings("unchecked")
                        Map<String, Object> described = (Map<String, Object>) response;
                        described.put("links", links);
                    }
                });
            }
        }
    }

    /** The simple name of the schema a response's JSON body refers to, or null. */
    private static String returnedSchema(Object response) {
        if (response instanceof Map<?, ?> r && r.get("content") instanceof Map<?, ?> content
                && content.get("application/json") instanceof Map<?, ?> json
                && json.get("schema") instanceof Map<?, ?> schema && schema.get("$ref") instanceof String ref) {
            return ref.substring(ref.lastIndexOf('/') + 1);
        }
        return null;
    }

    /** The n8n trigger's body: the external-sync payload with its url as webhookUrl, and a few submission fields. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> externalSyncTrigger(TaskTypes types) {
        Map<String, Object> trigger = types.schema(ExternalSyncTaskType.NAME).jsonSchema();
        Map<String, Object> fields = new LinkedHashMap<>((Map<String, Object>) trigger.get("properties"));
        Map<String, Object> url = new LinkedHashMap<>((Map<String, Object>) fields.remove("url"));
        url.put("type", List.of("string", "null"));
        url.put("description", url.get("description") + " Default: the configured n8n webhook.");
        fields.put(N8nTriggerController.WEBHOOK_URL, url);
        Map<String, Object> envelope = (Map<String, Object>) PayloadSchema.of(TaskSubmission.class).jsonSchema()
                .get("properties");
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

    /**
     * Repairs how micronaut-openapi writes nullable values in OpenAPI 3.1: a scalar as {@code [string, "null",
     * object]}, which would let any object pass; a record as {@code type: "null"} beside {@code allOf}, which lets
     * only null pass; and any JSON value as {@code type: "null"}.
     */
    @SuppressWarnings("unchecked")
    private static void repairNullables(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> schema = (Map<String, Object>) map;
            schema.values().forEach(OpenApiDocument::repairNullables);
            Object kind = schema.get("type");
            if (kind instanceof List<?> kinds && kinds.contains("null") && kinds.contains("object")
                    && kinds.size() > 2 && !schema.containsKey("properties")) {
                List<Object> scalar = new ArrayList<>(kinds);
                scalar.remove("object");
                schema.put("type", scalar);
            } else if ("null".equals(kind) && schema.containsKey("allOf")) {
                schema.remove("type");
                List<Object> either = new ArrayList<>();
                either.add(Map.of("type", "null"));
                either.addAll((List<Object>) schema.remove("allOf"));
                schema.put("anyOf", either);
            } else if ("null".equals(kind)) {
                schema.remove("type");
            }
        } else if (node instanceof List<?> list) {
            list.forEach(OpenApiDocument::repairNullables);
        }
    }

    private static Map<String, Object> generated() {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(GENERATED)) {
            if (in == null) {
                throw new IllegalStateException(GENERATED + " is missing: the build generates it");
            }
            return new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(new DumperOptions()),
                    new DumperOptions(), new JsonScalars()).load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads what YAML would take for a timestamp as the string it is in JSON (an example's {@code runAt}). */
    private static final class JsonScalars extends Resolver {
        @Override
        public Tag resolve(NodeId kind, String value, boolean implicit) {
            Tag tag = super.resolve(kind, value, implicit);
            return Tag.TIMESTAMP.equals(tag) ? Tag.STR : tag;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.computeIfAbsent(key, k -> new LinkedHashMap<>());
    }
}
