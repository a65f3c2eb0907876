package dev.tasklane.gateway.openapi;

import dev.tasklane.gateway.batch.BatchSubmission;
import dev.tasklane.gateway.bulk.BulkSubmission;
import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.gateway.document.DocumentBulkSubmission;
import dev.tasklane.gateway.document.DocumentSubmission;
import dev.tasklane.gateway.flow.PriorityChange;
import dev.tasklane.gateway.problem.ProblemType;
import dev.tasklane.gateway.schedule.BackfillRequest;
import dev.tasklane.gateway.schedule.PauseRequest;
import dev.tasklane.gateway.schedule.ScheduleDefinition;
import dev.tasklane.gateway.tasks.PayloadSchema;
import dev.tasklane.gateway.tasks.TaskSubmission;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The OpenAPI document {@code GET /openapi.yml} serves: the one micronaut-openapi wrote at build time from the
 * controllers and records, with every JSON body that is checked field by field described by the {@link PayloadSchema}
 * that checks it, the registered task types' payloads ({@link TaskTypeSchemas}), the problem types, the links between
 * operations ({@link OperationLinks}) and the library's nullable schemas repaired ({@link NullableRepair}).
 */
@Singleton
@ServesApi
public class OpenApiDocument {

    private static final String GENERATED = "META-INF/swagger/openapi.yml";
    private static final List<Class<? extends Record>> CHECKED_BODIES = List.of(TaskSubmission.class,
            BatchSubmission.class, DocumentSubmission.class, DocumentBulkSubmission.class, ScheduleDefinition.class,
            PauseRequest.class, BackfillRequest.class, PriorityChange.class, BulkSubmission.class);

    private final String yaml;

    public OpenApiDocument(TaskTypes types) {
        Map<String, Object> document = generated();
        Map<String, Object> schemas = child(child(document, "components"), "schemas");
        for (Class<? extends Record> body : CHECKED_BODIES) {
            schemas.put(body.getSimpleName(), PayloadSchema.of(body).jsonSchema());
        }
        new TaskTypeSchemas(types).addTo(document, schemas);
        describeProblemTypes(schemas);
        NullableRepair.repair(document);
        OperationLinks.addTo(document);
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

    /** Lists the problem types a {@code Problem}'s {@code type} takes, each with its title and status. */
    @SuppressWarnings("unchecked")
    private static void describeProblemTypes(Map<String, Object> schemas) {
        Map<String, Object> type = (Map<String, Object>) child(child(schemas, "Problem"), "properties").get("type");
        type.put("enum", Arrays.stream(ProblemType.values()).map(ProblemType::uri).toList());
        type.put("description", "The kind of problem: " + Arrays.stream(ProblemType.values())
                .map(kind -> "`" + kind.uri() + "` (" + kind.status().getCode() + ", " + kind.title() + ")")
                .collect(Collectors.joining("; ")) + ".");
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

    /** The map under {@code key}, made empty if there is none. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> child(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.computeIfAbsent(key, k -> new LinkedHashMap<>());
    }
}
