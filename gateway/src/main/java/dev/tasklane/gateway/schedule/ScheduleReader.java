package dev.tasklane.gateway.schedule;

import dev.tasklane.gateway.problem.FieldError;
import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.problem.ProblemException;
import dev.tasklane.gateway.problem.ProblemType;
import dev.tasklane.gateway.tasks.PayloadSchema;
import dev.tasklane.gateway.tasks.SubmissionReader;
import dev.tasklane.gateway.tasks.ValidSubmission;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a schedule's JSON into a {@link ValidSchedule}, or a 400 that names every faulty field: the name, the cron
 * and zone, the timing policies, and the task each run submits, checked exactly as a submission of it would be. The
 * bodies of a pause and a backfill are read here too.
 */
@Singleton
public class ScheduleReader {

    static final String DEFAULT_TIMEZONE = "UTC";
    /** The longest cron expression, as the schedule table holds it. */
    static final int LONGEST_CRON = 200;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    /** A missed fire runs late for up to a day by default, so a restart in the night still runs the nightly job. */
    static final long DEFAULT_CATCHUP_WINDOW_SECONDS = 86_400;
    /** Temporal's shortest catch-up window. */
    static final long SHORTEST_CATCHUP_WINDOW_SECONDS = 10;
    static final long LONGEST_CATCHUP_WINDOW_SECONDS = 31_536_000;
    static final int LONGEST_NOTE = 500;
    /** The most fire times one backfill runs: as many as a Temporal Schedule buffers. */
    static final int MOST_BACKFILLED = 1000;
    private static final PayloadSchema SCHEMA = PayloadSchema.of(ScheduleDefinition.class);
    private static final PayloadSchema PAUSE = PayloadSchema.of(PauseRequest.class);
    private static final PayloadSchema BACKFILL = PayloadSchema.of(BackfillRequest.class);
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
        ScheduleOverlap overlap = overlap(text(body, "overlapPolicy"), errors);
        long catchupWindow = errors.wholeNumber("catchupWindowSeconds",
                number(body, "catchupWindowSeconds"), SHORTEST_CATCHUP_WINDOW_SECONDS, LONGEST_CATCHUP_WINDOW_SECONDS,
                DEFAULT_CATCHUP_WINDOW_SECONDS);
        errors.throwIfAny();
        JsonNode enabled = body.get("enabled");
        return new ValidSchedule(name, expanded, timezone, submission,
                enabled == null || enabled.isNull() || enabled.getBooleanValue(), overlap, catchupWindow);
    }

    /** The note of a pause or resume, or null when the body is empty or has none. */
    @Nullable
    public String note(@Nullable JsonNode body) {
        if (body == null) {
            return null;
        }
        PAUSE.require(body);
        FieldErrors errors = new FieldErrors();
        String note = text(body, "note");
        if (note != null && note.length() > LONGEST_NOTE) {
            errors.add("note", "must be at most " + LONGEST_NOTE + " characters");
        }
        errors.throwIfAny();
        return note == null || note.isBlank() ? null : note.strip();
    }

    /** The fire times a backfill of {@code schedule} runs, from and to included. */
    public record Backfill(Instant from, Instant to) {
    }

    /**
     * Reads a backfill's range: both ends are instants, {@code to} after {@code from} and not in the future, and the
     * schedule's cron fires at least once and at most {@value #MOST_BACKFILLED} times in it.
     */
    public Backfill backfill(@Nullable JsonNode body, String cron, String timezone) {
        FieldErrors errors = new FieldErrors();
        BACKFILL.check(body, "", errors);
        errors.throwIfAny();
        Instant from = instant(body, "from", errors);
        Instant to = instant(body, "to", errors);
        errors.throwIfAny();
        if (!to.isAfter(from)) {
            errors.add("to", "must be after from (" + from + ")");
        } else if (to.isAfter(clock.instant())) {
            errors.add("to", "is in the future; a schedule runs its coming fire times itself, backfill only past ones");
        } else {
            int fires = ScheduleCron.of(cron, timezone).count(from, to, MOST_BACKFILLED + 1);
            if (fires == 0) {
                errors.add("from", "the range from " + from + " to " + to + " holds no fire time of '" + cron + "' in "
                        + timezone + "; widen it");
            } else if (fires > MOST_BACKFILLED) {
                errors.add("to", "the range holds more than " + MOST_BACKFILLED + " fire times; backfill it in parts");
            }
        }
        errors.throwIfAny();
        return new Backfill(from, to);
    }

    private static Instant instant(JsonNode body, String field, FieldErrors errors) {
        String text = text(body, field);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(field, "'" + text + "' is not an ISO-8601 instant; give one such as 2026-06-01T09:00:00Z");
            return null;
        }
    }

    /** The overlap policy named, SKIP when none is, or null with an error under {@code overlapPolicy}. */
    @Nullable
    private static ScheduleOverlap overlap(@Nullable String name, FieldErrors errors) {
        if (name == null) {
            return ScheduleOverlap.SKIP;
        }
        return ScheduleOverlap.named(name).orElseGet(() -> {
            errors.add("overlapPolicy", "'" + name + "' is not an overlap policy; use one of "
                    + ScheduleOverlap.names());
            return null;
        });
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

    private static String number(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node != null && node.isNumber() ? node.getNumberValue().toString() : null;
    }
}
