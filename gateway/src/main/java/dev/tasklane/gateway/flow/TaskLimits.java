package dev.tasklane.gateway.flow;

import dev.tasklane.gateway.tasks.TaskQueues;
import dev.tasklane.gateway.tasks.TaskType;
import dev.tasklane.gateway.tasks.TaskTypes;
import dev.tasklane.store.JsonColumns;
import dev.tasklane.workflows.lifecycle.TaskLimit;
import dev.tasklane.workflows.lifecycle.TaskSettings;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The limits a task waits for before it starts: each configured limit that holds for its type, keyed by the task's
 * own tenant, type, destination host or payload field, and those its submission gave, kept within its tenant so no
 * tenant's key meets another's. Worked out each time a task is started, so a retry follows the limits of the day.
 */
@Singleton
public class TaskLimits {

    /** The key part of the task's tenant. */
    public static final String TENANT = "tenant";
    /** The key part of the task's type. */
    public static final String TYPE = "type";
    /** The key part of the host the task calls, for the types that call one. */
    public static final String DESTINATION_HOST = "destination-host";
    /** The key part of a payload field: {@code payload.<field>}, dots reaching into objects. */
    public static final String PAYLOAD = "payload.";
    /** The name in front of the keys a submission gives. */
    public static final String SUBMISSION = "submission";

    /** Whole keys longer than this are shortened to their limit's name and a digest. */
    private static final int LONGEST_KEY = 500;

    private final List<LimitProperties> configured;
    private final JsonColumns json;

    public TaskLimits(List<LimitProperties> configured, TaskTypes types, JsonColumns json) {
        this.configured = configured.stream().filter(limit -> check(limit, types)).toList();
        this.json = json;
    }

    /** Whether {@code limit} is whole; it fails the start naming what to change otherwise. */
    private static boolean check(LimitProperties limit, TaskTypes types) {
        String where = "tasklane.limits." + limit.name();
        if (limit.concurrency() == null && limit.rate() == null) {
            throw new ConfigurationException(where + " sets neither concurrency nor rate; give one or both");
        }
        if (limit.concurrency() != null && limit.concurrency() < 1 || limit.rate() != null && limit.rate() < 1) {
            throw new ConfigurationException(where + ": concurrency and rate must be at least 1");
        }
        if (limit.period() != null && (limit.period().toSeconds() < 1 || limit.period().toDays() > 1)) {
            throw new ConfigurationException(where + ".period must be between 1 s and a day");
        }
        for (String type : TaskQueues.entries(limit.taskTypes())) {
            if (types.find(type).isEmpty()) {
                throw new ConfigurationException(where + ".task-types names " + type + ", which is no task type; the "
                        + "types are " + types.names());
            }
        }
        for (String part : TaskQueues.entries(limit.key())) {
            if (!List.of(TENANT, TYPE, DESTINATION_HOST).contains(part)
                    && !(part.startsWith(PAYLOAD) && part.length() > PAYLOAD.length())) {
                throw new ConfigurationException(where + ".key has part '" + part + "'; the parts are tenant, type, "
                        + "destination-host and payload.<field>");
            }
        }
        return true;
    }

    /** {@code settings} with every limit that holds for this task of {@code type}, keys whole; none for a batch. */
    public <P> TaskSettings applied(TaskType<P> type, String tenant, String inputJson, TaskSettings settings) {
        List<TaskLimit> limits = new ArrayList<>();
        if (!type.waitsForLimits()) {
            return settings.withLimits(limits);
        }
        for (LimitProperties limit : configured) {
            List<String> types = TaskQueues.entries(limit.taskTypes());
            if (!types.isEmpty() && !types.contains(type.name())) {
                continue;
            }
            keyOf(limit, type, tenant, inputJson).ifPresent(key -> limits.add(new TaskLimit(whole(limit.name(), key),
                    limit.concurrency(), limit.rate(),
                    limit.period() == null ? null : (int) limit.period().toSeconds())));
        }
        for (TaskLimit own : settings.limits()) {
            limits.add(own.keyed(SUBMISSION + ":" + TENANT + "=" + tenant + "," + own.key()));
        }
        return settings.withLimits(limits);
    }

    /**
     * The settings a submission gave, from settings {@link #applied} made for a task of {@code tenant}: its own limits
     * with their keys as given, and none of the configured ones, which the next start works out again.
     */
    public TaskSettings submitted(TaskSettings applied, String tenant) {
        String own = SUBMISSION + ":" + TENANT + "=" + tenant + ",";
        return applied.withLimits(applied.limits().stream().filter(limit -> limit.key().startsWith(own))
                .map(limit -> limit.keyed(limit.key().substring(own.length()))).toList());
    }

    /**
     * The task's key under {@code limit}; empty when the limit needs a destination or payload field the task does not
     * have, so the limit passes it over.
     */
    private <P> Optional<String> keyOf(LimitProperties limit, TaskType<P> type, String tenant, String inputJson) {
        List<String> parts = new ArrayList<>();
        for (String part : TaskQueues.entries(limit.key())) {
            String value;
            if (part.equals(TENANT)) {
                value = tenant;
            } else if (part.equals(TYPE)) {
                value = type.name();
            } else if (part.equals(DESTINATION_HOST)) {
                Optional<String> host = type.destinationHost(json.read(inputJson, type.payloadType()));
                if (host.isEmpty()) {
                    return Optional.empty();
                }
                value = host.get();
            } else {
                Optional<String> field = field(json.read(inputJson, Object.class), part.substring(PAYLOAD.length()));
                if (field.isEmpty()) {
                    return Optional.empty();
                }
                value = field.get();
            }
            parts.add(part + "=" + value);
        }
        return Optional.of(String.join(",", parts));
    }

    /** The scalar at the dotted {@code path} of {@code payload}, as text; empty when there is none. */
    private static Optional<String> field(Object payload, String path) {
        Object at = payload;
        for (String name : path.split("\\.")) {
            at = at instanceof Map<?, ?> object ? object.get(name) : null;
        }
        return at == null || at instanceof Map<?, ?> || at instanceof List<?> ? Optional.empty()
                : Optional.of(String.valueOf(at));
    }

    private static String whole(String name, String key) {
        String whole = name + ":" + key;
        if (whole.length() <= LONGEST_KEY) {
            return whole;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return name + ":sha-256=" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
