package dev.tasklane.gateway.tasks;

import dev.tasklane.activities.secrets.SecretBox;
import dev.tasklane.store.JsonColumns;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * A payload's credentials as its task type's schema names them: sealed before it is stored, redacted in every view.
 * Both work on payloads stored under earlier rules too, which left some header values in clear.
 */
@Singleton
public class PayloadSecrets {

    private final TaskTypes types;
    private final JsonColumns columns;
    private final SecretBox secrets;

    public PayloadSecrets(TaskTypes types, JsonColumns columns, SecretBox secrets) {
        this.types = types;
        this.columns = columns;
        this.secrets = secrets;
    }

    /** {@code inputJson} of a {@code type} task with every credential sealed (sealed ones stay): what is stored now. */
    public String sealed(String type, String inputJson) {
        PayloadSchema schema = types.schema(type);
        if (schema == null || !schema.hasSensitiveFields()) {
            return inputJson;
        }
        Map<String, Object> tree = readTree(inputJson);
        schema.seal(tree, secrets::seal);
        return columns.write(tree);
    }

    /** The stored {@code inputJson} of a {@code type} task as views show it: every credential, sealed or not, redacted. */
    public Object redacted(String type, String inputJson) {
        PayloadSchema schema = types.schema(type);
        if (schema == null || !schema.hasSensitiveFields()) {
            return SecretBox.redact(columns.read(inputJson, Object.class));
        }
        Map<String, Object> tree = readTree(inputJson);
        schema.seal(tree, value -> SecretBox.REDACTED);
        return SecretBox.redact(tree);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> readTree(String inputJson) {
        return columns.read(inputJson, Map.class);
    }
}
