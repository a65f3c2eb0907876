package dev.tasklane.gateway.tasks;

import dev.tasklane.activities.secrets.PlainHeaders;
import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.workflows.lifecycle.PayloadField;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The fields of a request record, read from its {@link PayloadField} annotations: what the task-type listing
 * shows and what a JSON document is checked against before it is bound (unknown, missing, mistyped fields).
 */
public final class PayloadSchema {

    /**
     * One field as clients see it; {@code sensitive} marks credentials, which are stored sealed and shown redacted.
     * A map of request headers is sensitive but for its {@code plainKeys} (any case), whose values stay in clear.
     */
    @Serdeable
    public record Field(String name, String type, boolean required, String description, boolean sensitive,
                        @Nullable List<String> plainKeys, @Nullable List<Field> fields) {
    }

    private final List<Field> fields;
    private final Map<String, PayloadSchema> nested;
    /** The schema of each element of the fields that are lists of records. */
    private final Map<String, PayloadSchema> items;

    private PayloadSchema(List<Field> fields, Map<String, PayloadSchema> nested, Map<String, PayloadSchema> items) {
        this.fields = fields;
        this.nested = nested;
        this.items = items;
    }

    public static PayloadSchema of(Class<? extends Record> type) {
        List<Field> fields = new ArrayList<>();
        Map<String, PayloadSchema> nested = new java.util.HashMap<>();
        Map<String, PayloadSchema> items = new java.util.HashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            PayloadField doc = component.getAnnotation(PayloadField.class);
            if (doc == null) {
                continue;
            }
            Class<?> raw = component.getType();
            PayloadSchema inner = null;
            if (raw.isRecord()) {
                @SuppressWarnings("unchecked")
                Class<? extends Record> recordType = (Class<? extends Record>) raw;
                inner = of(recordType);
                nested.put(component.getName(), inner);
            } else if (List.class.isAssignableFrom(raw) && component.getGenericType() instanceof ParameterizedType list
                    && list.getActualTypeArguments()[0] instanceof Class<?> item && item.isRecord()) {
                @SuppressWarnings("unchecked")
                Class<? extends Record> recordType = (Class<? extends Record>) item;
                inner = of(recordType);
                items.put(component.getName(), inner);
            }
            fields.add(new Field(component.getName(), jsonType(raw, component.getGenericType()), doc.required(),
                    doc.value(), doc.sensitive() || doc.headers(), doc.headers() ? PlainHeaders.NAMES : null,
                    inner == null ? null : inner.fields));
        }
        return new PayloadSchema(List.copyOf(fields), Map.copyOf(nested), Map.copyOf(items));
    }

    public List<Field> fields() {
        return fields;
    }

    /** Checks a whole request body against the fields; throws the problem naming every fault, if there is one. */
    public void require(@Nullable JsonNode body) {
        FieldErrors errors = new FieldErrors();
        check(body, "", errors);
        errors.throwIfAny();
    }

    /** Checks {@code node} (at path {@code path}) against the fields, adding one error per fault. */
    public void check(@Nullable JsonNode node, String path, FieldErrors errors) {
        if (node == null || !node.isObject()) {
            errors.add(path.isEmpty() ? "body" : path, "must be a JSON object with fields " + names());
            return;
        }
        Set<String> known = fields.stream().map(Field::name).collect(Collectors.toSet());
        for (Map.Entry<String, JsonNode> entry : node.entries()) {
            if (!known.contains(entry.getKey())) {
                errors.add(join(path, entry.getKey()), "unknown field; known fields are " + names());
            }
        }
        for (Field field : fields) {
            JsonNode value = node.get(field.name());
            String fieldPath = join(path, field.name());
            if (value == null || value.isNull()) {
                if (field.required()) {
                    errors.add(fieldPath, "is required: " + field.description());
                }
            } else if (nested.containsKey(field.name())) {
                nested.get(field.name()).check(value, fieldPath, errors);
            } else if (items.containsKey(field.name()) && value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    items.get(field.name()).check(value.get(i), fieldPath + "[" + i + "]", errors);
                }
            } else if (!matches(field.type(), value)) {
                errors.add(fieldPath, "must be " + article(field.type()) + ": " + field.description());
            }
        }
    }

    /**
     * The fields as a JSON Schema (2020-12, as OpenAPI 3.1 takes it): what {@link #check} accepts, so the API's
     * document and its validation cannot disagree. An optional field may be null, which means absent.
     */
    public Map<String, Object> jsonSchema() {
        return jsonSchema(fields);
    }

    private static Map<String, Object> jsonSchema(List<Field> fields) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Field field : fields) {
            properties.put(field.name(), jsonSchema(field));
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        List<String> required = fields.stream().filter(Field::required).map(Field::name).toList();
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    private static Map<String, Object> jsonSchema(Field field) {
        boolean listOfObjects = "array".equals(field.type()) && field.fields() != null;
        Map<String, Object> schema = field.fields() != null && !listOfObjects ? jsonSchema(field.fields())
                : new LinkedHashMap<>();
        if (listOfObjects) {
            schema.put("items", jsonSchema(field.fields()));
        }
        String jsonType = switch (field.type()) {
            case "object of strings" -> {
                schema.put("additionalProperties", Map.of("type", "string"));
                yield "object";
            }
            case "any" -> null;
            default -> field.type();
        };
        if (jsonType != null) {
            schema.put("type", field.required() ? jsonType : List.of(jsonType, "null"));
        }
        schema.put("description", field.description());
        if (field.sensitive()) {
            schema.put("writeOnly", true);
            if ("string".equals(jsonType)) {
                schema.put("format", "password");
            }
        }
        return schema;
    }

    /** Whether any field, here or nested, holds credentials. */
    public boolean hasSensitiveFields() {
        return fields.stream().anyMatch(Field::sensitive)
                || nested.values().stream().anyMatch(PayloadSchema::hasSensitiveFields);
    }

    /**
     * Replaces, in a payload's JSON tree, every credential value with what {@code sealer} makes of it: sensitive
     * fields, and every header of a header map but the plain ones.
     */
    @SuppressWarnings("unchecked")
    public void seal(Map<String, Object> tree, UnaryOperator<String> sealer) {
        for (Field field : fields) {
            Object value = tree.get(field.name());
            if (value instanceof String text && field.sensitive()) {
                tree.put(field.name(), sealer.apply(text));
            } else if (value instanceof Map<?, ?> map && field.plainKeys() != null) {
                Map<String, Object> entries = (Map<String, Object>) map;
                entries.replaceAll((key, v) -> v instanceof String text && !PlainHeaders.isPlain(key)
                        ? sealer.apply(text) : v);
            } else if (value instanceof Map<?, ?> map && nested.containsKey(field.name())) {
                nested.get(field.name()).seal((Map<String, Object>) map, sealer);
            }
        }
    }

    private String names() {
        return fields.stream().map(Field::name).collect(Collectors.joining(", "));
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static boolean matches(String type, JsonNode value) {
        return switch (type) {
            case "string" -> value.isString();
            case "boolean" -> value.isBoolean();
            case "number" -> value.isNumber();
            case "integer" -> value.isNumber() && isWhole(value.getNumberValue());
            case "object" -> value.isObject();
            case "object of strings" -> value.isObject() && allStrings(value);
            case "array" -> value.isArray();
            default -> true;
        };
    }

    private static boolean isWhole(Number number) {
        if (number instanceof Integer || number instanceof Long || number instanceof Short) {
            return true;
        }
        if (number instanceof BigInteger big) {
            return big.bitLength() < 63;
        }
        BigDecimal decimal = new BigDecimal(number.toString());
        return decimal.stripTrailingZeros().scale() <= 0 && decimal.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0;
    }

    private static boolean allStrings(JsonNode object) {
        for (Map.Entry<String, JsonNode> entry : object.entries()) {
            if (!entry.getValue().isString()) {
                return false;
            }
        }
        return true;
    }

    private static String article(String type) {
        return switch (type) {
            case "integer", "object", "object of strings", "array" -> "an " + type;
            default -> "a " + type;
        };
    }

    private static String jsonType(Class<?> raw, Type generic) {
        if (raw == String.class) {
            return "string";
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return "boolean";
        }
        if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            return "integer";
        }
        if (Number.class.isAssignableFrom(raw) || raw == double.class || raw == float.class) {
            return "number";
        }
        if (Map.class.isAssignableFrom(raw)) {
            boolean ofStrings = generic instanceof ParameterizedType p
                    && p.getActualTypeArguments().length == 2 && p.getActualTypeArguments()[1] == String.class;
            return ofStrings ? "object of strings" : "object";
        }
        if (List.class.isAssignableFrom(raw) || raw.isArray()) {
            return "array";
        }
        if (raw.isRecord()) {
            return "object";
        }
        return "any";
    }

}
