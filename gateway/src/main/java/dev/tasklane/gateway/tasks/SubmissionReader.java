package dev.tasklane.gateway.tasks;

import dev.tasklane.activities.secrets.SecretBox;
import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.webhook.DestinationCheck;
import dev.tasklane.store.JsonColumns;
import dev.tasklane.workflows.lifecycle.RetrySettings;
import dev.tasklane.workflows.lifecycle.TaskCallback;
import dev.tasklane.workflows.lifecycle.TaskLimit;
import dev.tasklane.workflows.lifecycle.TaskPriority;
import dev.tasklane.workflows.lifecycle.TaskSettings;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns a submission's JSON into a {@link ValidSubmission}, or a 400 that names every faulty field. */
@Singleton
public class SubmissionReader {

    /** A {@code runAt} this far in the past still counts as "now" (clock skew between client and server). */
    static final Duration PAST_TOLERANCE = Duration.ofSeconds(60);
    static final Duration LONGEST_DELAY = Duration.ofDays(366);
    static final long LONGEST_TIMEOUT_SECONDS = 7 * 24 * 3600;
    /** The most limits one submission may give its task. */
    static final int MOST_LIMITS = 5;
    static final int LONGEST_LIMIT_KEY = 200;
    static final int LONGEST_IDEMPOTENCY_KEY = 200;

    private static final PayloadSchema ENVELOPE = PayloadSchema.of(TaskSubmission.class);

    private final TaskTypes types;
    private final JsonMapper json;
    private final JsonColumns columns;
    private final PayloadSecrets payloadSecrets;
    private final SecretBox secrets;
    private final DestinationCheck destinations;
    private final Clock clock;

    public SubmissionReader(TaskTypes types, JsonMapper json, JsonColumns columns, PayloadSecrets payloadSecrets,
                            SecretBox secrets, DestinationCheck destinations, Clock clock) {
        this.types = types;
        this.json = json;
        this.columns = columns;
        this.payloadSecrets = payloadSecrets;
        this.secrets = secrets;
        this.destinations = destinations;
        this.clock = clock;
    }

    /** Reads a full submission ({@code POST /api/tasks}); the header key is used when the body has none. */
    public ValidSubmission read(@Nullable JsonNode body, @Nullable String headerIdempotencyKey) {
        FieldErrors errors = new FieldErrors();
        ENVELOPE.check(body, "", errors);
        if (body == null || !body.isObject()) {
            errors.throwIfAny();
        }
        Optional<TaskType<?>> type = Optional.empty();
        JsonNode typeNode = body.get("type");
        if (typeNode != null && typeNode.isString()) {
            type = types.known(typeNode.getStringValue(), "type", errors);
        }
        type.ifPresent(t -> types.schema(t.name()).check(body.get("payload"), "payload", errors));
        TaskPriority priority = priority(text(body, "priority"), errors);
        Instant runAt = runAt(text(body, "runAt"), errors);
        String key = idempotencyKey(Optional.ofNullable(text(body, "idempotencyKey")).orElse(headerIdempotencyKey),
                errors);
        TaskSettings settings = settings(body, type.map(TaskType::retryDefaults).orElse(RetrySettings.DEFAULT), errors);
        errors.throwIfAny();

        TaskType<?> taskType = type.orElseThrow();
        Object payload = bindPayload(taskType, body.get("payload"), errors);
        errors.throwIfAny();
        // The payload as stored and started: credentials sealed, so no clear copy leaves this method.
        return new ValidSubmission(taskType, payloadSecrets.sealed(taskType.name(), columns.write(payload)), priority,
                runAt, key, columns.write(settings));
    }

    private <P> P bindPayload(TaskType<P> type, JsonNode node, FieldErrors errors) {
        try {
            P payload = json.readValueFromTree(node, type.payloadType());
            type.validate(payload, errors);
            return payload;
        } catch (IOException e) {
            errors.add("payload", "cannot be read as a " + type.name() + " payload: " + e.getMessage());
            return null;
        }
    }

    private TaskSettings settings(JsonNode body, RetrySettings defaults, FieldErrors errors) {
        RetrySettings retry = defaults;
        JsonNode retryNode = body.get("retry");
        if (retryNode != null && retryNode.isObject() && !errors.has("retry")) {
            try {
                retry = json.readValueFromTree(retryNode, RetryInput.class).toSettings(defaults, errors);
            } catch (IOException e) {
                throw new UncheckedIOException("retry passed its schema check but cannot be bound", e);
            }
        }
        Long timeout = null;
        JsonNode timeoutNode = body.get("timeoutSeconds");
        if (timeoutNode != null && timeoutNode.isNumber() && !errors.has("timeoutSeconds")) {
            timeout = timeoutNode.getNumberValue().longValue();
            if (timeout < 1 || timeout > LONGEST_TIMEOUT_SECONDS) {
                errors.add("timeoutSeconds", "must be between 1 and " + LONGEST_TIMEOUT_SECONDS + " (7 days)");
            }
        }
        return new TaskSettings(retry, timeout, callback(body, errors), limits(body.get("limits"), errors));
    }

    /** The submission's own limits, each checked, or none; their keys are kept within the tenant when it starts. */
    private List<TaskLimit> limits(@Nullable JsonNode node, FieldErrors errors) {
        if (node == null || !node.isArray()) {
            return List.of();
        }
        if (node.size() > MOST_LIMITS) {
            errors.add("limits", "holds " + node.size() + " limits; at most " + MOST_LIMITS + " are allowed");
            return List.of();
        }
        List<TaskLimit> limits = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "limits[" + i + "]";
            if (errors.has(at)) {
                continue;
            }
            TaskLimit limit;
            try {
                limit = json.readValueFromTree(node.get(i), TaskLimit.class);
            } catch (IOException outOfRange) {
                errors.add(at, "has a number too large for it: concurrency, rate and periodSeconds are small counts");
                continue;
            }
            if (limit.key().isBlank() || limit.key().length() > LONGEST_LIMIT_KEY) {
                errors.add(at + ".key", "must be 1-" + LONGEST_LIMIT_KEY + " characters, not blank");
            } else if (limits.stream().anyMatch(other -> other.key().equals(limit.key()))) {
                errors.add(at + ".key", "repeats the key of an earlier limit; give each key once");
            }
            if (limit.concurrency() == null && limit.rate() == null) {
                errors.add(at, "sets neither concurrency nor rate; give one or both");
            }
            within(at + ".concurrency", limit.concurrency(), 10_000, errors);
            within(at + ".rate", limit.rate(), 100_000, errors);
            within(at + ".periodSeconds", limit.periodSeconds(), 86_400, errors);
            if (limit.periodSeconds() != null && limit.rate() == null) {
                errors.add(at + ".periodSeconds", "is the period of rate; give rate too, or leave it out");
            }
            limits.add(limit);
        }
        return limits;
    }

    private static void within(String field, @Nullable Integer value, int most, FieldErrors errors) {
        if (value != null && (value < 1 || value > most)) {
            errors.add(field, "must be a whole number from 1 to " + most);
        }
    }

    /** The submission's callback, its secret sealed, or null without a {@code callbackUrl}. */
    private TaskCallback callback(JsonNode body, FieldErrors errors) {
        String url = text(body, "callbackUrl");
        String secret = text(body, "callbackSecret");
        if (url == null) {
            if (secret != null) {
                errors.add("callbackSecret", "signs a callback; give callbackUrl too, or leave it out");
            }
            return null;
        }
        destinations.checkUrl(url, "callbackUrl", errors);
        if (secret != null && secret.isBlank()) {
            errors.add("callbackSecret", "is blank; give a signing key or leave it out");
        }
        return new TaskCallback(url, secret == null ? null : secrets.seal(secret));
    }

    /** Parses a priority name, adding an error under {@code priority} when it is not one. */
    public static TaskPriority priority(@Nullable String text, FieldErrors errors) {
        if (text == null) {
            return TaskPriority.NORMAL;
        }
        Optional<TaskPriority> parsed = TaskPriority.parse(text);
        if (parsed.isEmpty()) {
            errors.add("priority", "'" + text + "' is not a priority; use CRITICAL, HIGH, NORMAL, LOW or BACKGROUND");
        }
        return parsed.orElse(TaskPriority.NORMAL);
    }

    /** Parses a status name (a list or stream filter), adding an error under {@code status} when it is not one. */
    public static TaskStatus status(@Nullable String text, FieldErrors errors) {
        if (text == null) {
            return null;
        }
        try {
            return TaskStatus.valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add("status", "'" + text + "' is not a status; use one of " + java.util.List.of(TaskStatus.values()));
            return null;
        }
    }

    private Instant runAt(@Nullable String text, FieldErrors errors) {
        if (text == null) {
            return null;
        }
        Instant at;
        try {
            at = Instant.parse(text);
        } catch (DateTimeParseException e) {
            errors.add("runAt", "'" + text + "' is not an ISO-8601 instant; use a form like 2030-01-01T09:00:00Z");
            return null;
        }
        Instant now = clock.instant();
        if (at.isBefore(now.minus(PAST_TOLERANCE))) {
            errors.add("runAt", "is in the past; give a future instant, or leave runAt out to run now");
        } else if (at.isAfter(now.plus(LONGEST_DELAY))) {
            errors.add("runAt", "is more than a year ahead; use a recurring schedule for work that far out");
        }
        return at.isAfter(now) ? at : null;
    }

    private static String idempotencyKey(@Nullable String key, FieldErrors errors) {
        if (key == null) {
            return null;
        }
        if (key.isBlank() || key.length() > LONGEST_IDEMPOTENCY_KEY) {
            errors.add("idempotencyKey", "must be 1-" + LONGEST_IDEMPOTENCY_KEY + " characters, not blank");
        }
        return key;
    }

    /** The string {@code field} of {@code body} holds; null when it is absent or holds something else. */
    public static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node != null && node.isString() ? node.getStringValue() : null;
    }
}
