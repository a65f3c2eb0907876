package dev.tasklane.gateway.openapi;

import dev.tasklane.gateway.problem.ProblemType;
import dev.tasklane.gateway.tasks.TaskType;
import dev.tasklane.gateway.tasks.TaskTypes;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class OpenApiDocumentTest {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    EmbeddedServer server;

    @Inject
    Router router;

    @Inject
    TaskTypes types;

    private Map<String, Object> document;

    @BeforeEach
    void fetchTheDocumentWithoutAToken() throws Exception {
        HttpResponse<String> answer = get("/openapi.yml");
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(OpenApiController.YAML, answer.headers().firstValue("Content-Type").orElseThrow());
        document = new Yaml().load(answer.body());
        assertEquals("3.1.0", document.get("openapi"));
    }

    @Test
    void everyRouteTheServerServesIsAnOperationOfTheDocument() {
        Set<String> served = new TreeSet<>();
        for (UriRouteInfo<?, ?> route : router.uriRoutes().toList()) {
            String path = route.getUriMatchTemplate().toPathString();
            boolean implicit = route.getHttpMethodName().equals("HEAD");
            if (!implicit && !path.equals("/openapi.yml") && !path.startsWith("/ws/")) {
                served.add(route.getHttpMethodName().toLowerCase(Locale.ROOT) + " " + path);
            }
        }
        Set<String> documented = new TreeSet<>(operations().keySet());

        Set<String> missing = new TreeSet<>(served);
        missing.removeAll(documented);
        assertEquals(Set.of(), missing, "routes the document leaves out");
        Set<String> extra = new TreeSet<>(documented);
        extra.removeAll(served);
        assertEquals(Set.of(), extra, "operations no route serves");
        assertTrue(served.contains("post /api/tasks/{id}/cancel"), served.toString());
    }

    @Test
    void everyOperationIsNamedDescribedTaggedAndSecured() {
        Set<String> ids = new HashSet<>();
        List<String> faults = new ArrayList<>();
        operations().forEach((name, operation) -> {
            if (!ids.add(String.valueOf(operation.get("operationId")))) {
                faults.add(name + ": operationId " + operation.get("operationId") + " is not unique");
            }
            if (operation.get("summary") == null || ((List<?>) operation.get("tags")).isEmpty()) {
                faults.add(name + ": no summary or tag");
            }
            boolean management = name.contains(" /health") || name.contains(" /prometheus");
            if (!management && operation.containsKey("security")) {
                faults.add(name + ": overrides the bearer requirement");
            }
            Map<String, Map<String, Object>> responses = map(operation.get("responses"));
            responses.forEach((code, response) -> {
                if (!management && code.matches("[45]\\d\\d")
                        && !map(response.get("content")).keySet().equals(Set.of("application/problem+json"))) {
                    faults.add(name + ": " + code + " is not described as a problem");
                }
            });
            if (!responses.keySet().stream().anyMatch(code -> code.startsWith("2"))) {
                faults.add(name + ": no success response");
            }
        });
        assertEquals(List.of(), faults);
        Map<String, Object> schemes = map(map(document.get("components")).get("securitySchemes"));
        assertEquals(Map.of("type", "http", "scheme", "bearer", "bearerFormat", "JWT"),
                Map.of("type", map(schemes.get("bearer")).get("type"), "scheme", map(schemes.get("bearer")).get("scheme"),
                        "bearerFormat", map(schemes.get("bearer")).get("bearerFormat")));
        assertEquals(List.of(Map.of("bearer", List.of())), document.get("security"));
    }

    @Test
    void everyResponseAMethodDeclaresIsInTheDocument() {
        Set<String> faults = new TreeSet<>();
        for (UriRouteInfo<?, ?> route : router.uriRoutes().toList()) {
            Method method = route.getTargetMethod().getTargetMethod();
            Set<String> declared = new TreeSet<>();
            declaredResponses(method.getAnnotations()).forEach(response -> declared.add(response.responseCode()));
            for (Annotation annotation : method.getAnnotations()) {
                declaredResponses(annotation.annotationType().getAnnotations())
                        .forEach(response -> declared.add(response.responseCode()));
            }
            String name = route.getHttpMethodName().toLowerCase(Locale.ROOT) + " "
                    + route.getUriMatchTemplate().toPathString();
            Map<String, Object> operation = operations().get(name);
            if (operation != null && !map(operation.get("responses")).keySet().containsAll(declared)) {
                faults.add(name + " declares " + declared + ", the document has "
                        + map(operation.get("responses")).keySet());
            }
        }
        assertEquals(Set.of(), faults);
    }

    @Test
    void eachTaskTypesPayloadIsDescribedByTheSchemaThatChecksIt() {
        Map<String, Object> schemas = map(map(document.get("components")).get("schemas"));
        Map<String, Object> typed = operations().get("post /api/tasks/{type}");
        List<Map<String, Object>> parameters = list(typed.get("parameters"));
        Map<String, Object> type = parameters.stream().filter(p -> "type".equals(p.get("name"))).findFirst().orElseThrow();
        assertEquals(types.all().stream().map(TaskType::name).toList(), map(type.get("schema")).get("enum"));

        Map<String, Object> mapping = map(map(map(schemas.get("TaskSubmission")).get("discriminator")).get("mapping"));
        assertEquals(types.all().size(), mapping.size());
        for (TaskType<?> taskType : types.all()) {
            String submission = String.valueOf(mapping.get(taskType.name()));
            String name = submission.substring(submission.lastIndexOf('/') + 1);
            Map<String, Object> properties = map(map(schemas.get(name)).get("properties"));
            assertEquals(Map.of("const", taskType.name(), "description", "The task type."), properties.get("type"));
            String payload = String.valueOf(map(properties.get("payload")).get("$ref"));
            Map<String, Object> described = map(schemas.get(payload.substring(payload.lastIndexOf('/') + 1)));
            assertEquals(map(types.schema(taskType.name()).jsonSchema().get("properties")), described.get("properties"),
                    taskType.name());
        }
    }

    @Test
    void problemTypesAreListedAndExamplesKeepTheirStrings() {
        Map<String, Object> problem = map(map(map(map(document.get("components")).get("schemas")).get("Problem"))
                .get("properties"));
        assertEquals(Arrays.stream(ProblemType.values()).map(ProblemType::uri).toList(),
                map(problem.get("type")).get("enum"));
        Map<String, Object> examples = map(map(map(map(operations().get("post /api/tasks").get("requestBody"))
                .get("content")).get("application/json")).get("examples"));
        assertEquals("2030-01-01T07:00:00Z", map(map(examples.get("scheduled")).get("value")).get("runAt"));
    }

    @Test
    void theApiPageIsServedFromTheJarAndShowsTheDocument() throws Exception {
        HttpResponse<String> page = get("/swagger-ui/index.html");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("contextPath + '/openapi.yml'"), page.body());
        assertFalse(page.body().matches("(?s).*(https?:)?//[a-z].*"), "fetches from elsewhere: " + page.body());
        Matcher assets = Pattern.compile("contextPath \\+ \"(/swagger-ui/res/[^\"]+)\"").matcher(page.body());
        int served = 0;
        while (assets.find()) {
            assertEquals(200, get(assets.group(1)).statusCode(), assets.group(1));
            served++;
        }
        assertTrue(served >= 3, "scripts and styles: " + served);
    }

    private static List<ApiResponse> declaredResponses(Annotation[] annotations) {
        List<ApiResponse> responses = new ArrayList<>();
        for (Annotation annotation : annotations) {
            if (annotation instanceof ApiResponse response) {
                responses.add(response);
            } else if (annotation instanceof ApiResponses many) {
                responses.addAll(Arrays.asList(many.value()));
            }
        }
        return responses;
    }

    private Map<String, Map<String, Object>> operations() {
        Map<String, Map<String, Object>> operations = new java.util.TreeMap<>();
        map(document.get("paths")).forEach((path, item) -> map(item).forEach((method, operation) -> {
            if (METHODS.contains(method)) {
                operations.put(method + " " + path, map(operation));
            }
        }));
        return operations;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> map(Object value) {
        return value == null ? Map.of() : (Map<String, V>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }
}
