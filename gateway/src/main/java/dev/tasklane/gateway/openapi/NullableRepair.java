package dev.tasklane.gateway.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Repairs the nullable schemas micronaut-openapi writes for OpenAPI 3.1. */
final class NullableRepair {

    private NullableRepair() {
    }

    /**
     * Repairs how micronaut-openapi writes nullable values in OpenAPI 3.1: a scalar as {@code [string, "null",
     * object]}, which would let any object pass; a record as {@code type: "null"} beside {@code allOf}, which lets
     * only null pass; and any JSON value as {@code type: "null"}.
     */
    @SuppressWarnings("unchecked")
    static void repair(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> schema = (Map<String, Object>) map;
            schema.values().forEach(NullableRepair::repair);
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
            list.forEach(NullableRepair::repair);
        }
    }

}
