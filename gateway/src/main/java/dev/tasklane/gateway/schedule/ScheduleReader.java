package dev.tasklane.gateway.schedule;

import dev.tasklane.gateway.problem.FieldError;
import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.problem.ProblemException;
import dev.tasklane.gateway.problem.ProblemType;
import dev.tasklane.gateway.tasks.PayloadSchema;
import dev.tasklane.gateway.tasks.SubmissionReader;
import dev.tasklane.gateway.tasks.ValidSubmission;
import dev.tasklane.workflows.schedule.ScheduleCron;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a schedule's JSON into a {@link ValidSchedule}, or a 400 that names every faulty field: the name, the cron
 * and zone, and the task each run submits, checked exactly as a submission of it would be.
 */
@Singleton
public class ScheduleReader {

    static final String DEFAULT_TIMEZONE = "UTC";
    /** The longest cron expression, as the schedule table holds it. */
    static final int LONGEST_CRON = 200;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final PayloadSchema SCHEMA = PayloadSchema.of(ScheduleDefinition.class);
    /** The fields a schedule hands on to the submission of each run. */
    private static final List<String> SUBMISSION_FIELDS = List.of("payload", "priority", "retry", "timeoutSeconds");

    private final SubmissionReader submissions;
    private final Clock clock;

    public ScheduleReader(SubmissionReader submissions, Clock clock) {
        this.submissions = submissions;
        this.clock = clock;
    }

    /** Reads a definition; {@code pathName}, when given, is the name the URL addresses and the body must keep. */
    public ValidSchedule read(@Nullable JsonNode body, @Nullable String pathName) {
        FieldErrors errors = new FieldErrors();
        SCHEMA.check(body, "", errors);
        if (body == null || !body.isObject()) {
            errors.throwIfAny();
        }
        String name = text(body, "name");
        if (name != null && !NAME.matcher(name).matches()) {
            errors.add("name", "'" + name + "' is not a schedule name; use letters, digits, '.', '_' and '-', starting"
                    + " with a letter or digit, up to 100 characters");
        } else if (name != null && pathName != null && !name.equals(pathName)) {
            errors.add("name", "is '" + name + "' but the URL names '" + pathName + "'; a schedule keeps its name");
        }
        String timezone = text(body, "timezone") == null ? DEFAULT_TIMEZONE : text(body, "timezone");
        boolean zoneKnown = !errors.has("timezone");
        if (zoneKnown) {
            try {
                ScheduleCron.zone(timezone);
            } catch (IllegalArgumentException e) {
                errors.add("timezone", e.getMessage());
                zoneKnown = false;
            }
        }
        String expanded = expandedCron(text(body, "cron"), zoneKnown ? timezone : DEFAULT_TIMEZONE, errors);
        ValidSubmission submission = submission(body, errors);
        errors.throwIfAny();
        JsonNode enabled = body.get("enabled");
        return new ValidSchedule(name, expanded, timezone, submission,
                enabled == null || enabled.isNull() || enabled.getBooleanValue());
    }

    /**
     * The cron expression with its shortcut expanded, or null with an error under {@code cron} when it is too long,
     * not a cron expression, or one that never fires (such as 31 February).
     */
    @Nullable
    private String expandedCron(@Nullable String cron, String timezone, FieldErrors errors) {
        if (cron == null) {
            return null;
        }
        if (cron.length() > LONGEST_CRON) {
            errors.add("cron", "must be at most " + LONGEST_CRON + " characters; use five fields (minute hour"
                    + " day-of-month month day-of-week) such as '0 9 * * 1-5'");
            return null;
        }
        try {
            ScheduleCron parsed = ScheduleCron.of(cron, timezone);
            if (parsed.next(clock.instant()).isEmpty()) {
                errors.add("cron", "'" + cron + "' never fires: no date matches it (such as 31 February); choose"
                        + " a day-of-month that the month has");
                return null;
            }
            return parsed.expression();
        } catch (IllegalArgumentException e) {
            errors.add("cron", e.getMessage());
            return null;
        }
    }

    /** The run's submission, its faults added to {@code errors} under the schedule's field names. */
    private ValidSubmission submission(JsonNode body, FieldErrors errors) {
        JsonNode taskType = body.get("taskType");
        if (taskType == null || !taskType.isString()) {
            return null;
        }
        Map<String, JsonNode> envelope = new LinkedHashMap<>();
        envelope.put("type", taskType);
        envelope.put("payload", JsonNode.createObjectNode(Map.of()));
        for (String field : SUBMISSION_FIELDS) {
            JsonNode value = body.get(field);
            if (value != null && !value.isNull()) {
                envelope.put(field, value);
            }
        }
        try {
            return submissions.read(JsonNode.createObjectNode(envelope), null);
        } catch (ProblemException refused) {
            if (refused.type() != ProblemType.INVALID_REQUEST) {
                throw refused;
            }
            for (FieldError error : refused.errors()) {
                errors.add(error.field().equals("type") ? "taskType" : error.field(), error.message());
            }
            return null;
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node != null && node.isString() ? node.getStringValue() : null;
    }
}
