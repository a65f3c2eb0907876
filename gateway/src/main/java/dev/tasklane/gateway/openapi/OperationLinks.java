package dev.tasklane.gateway.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.tasklane.gateway.openapi.OpenApiDocument.child;

/** The API document's links from each answer that returns a task, schedule or document to the operations on it. */
final class OperationLinks {

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

    private OperationLinks() {
    }

    /** Links every success response whose body is a task, schedule or document to the operations on it. */
    static void addTo(Map<String, Object> document) {
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

}
