package dev.tasklane.gateway.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A five-field cron expression (minute hour day-of-month month day-of-week, as Temporal and Unix cron read it) in a
 * time zone, read to check a request before Temporal sees it: whether it parses, whether it ever fires, and how many
 * times it fires in a backfill's range. When a schedule fires is Temporal's to say.
 */
final class ScheduleCron {

    /** Shortcuts accepted for a cron expression. */
    public static final Map<String, String> SHORTCUTS = Map.of(
            "hourly", "0 * * * *",
            "daily", "0 0 * * *",
            "weekly", "0 0 * * 0",
            "monthly", "0 0 1 * *");

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final String expression;
    private final ZoneId zone;
    private final ExecutionTime times;

    private ScheduleCron(String expression, ZoneId zone, ExecutionTime times) {
        this.expression = expression;
        this.zone = zone;
        this.times = times;
    }

    /** The cron in the zone; throws {@link IllegalArgumentException} saying what is wrong with either. */
    public static ScheduleCron of(String cron, String timezone) {
        String expression = expand(cron);
        ExecutionTime times;
        try {
            times = ExecutionTime.forCron(PARSER.parse(expression));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + cron + "' is not a cron expression: " + e.getMessage()
                    + "; use five fields (minute hour day-of-month month day-of-week) such as '0 9 * * 1-5', or one"
                    + " of " + String.join(", ", SHORTCUTS.keySet().stream().sorted().toList()));
        }
        return new ScheduleCron(expression, zone(timezone), times);
    }

    /** The zone of an IANA name such as {@code Europe/Berlin}, or an error saying what to give instead. */
    public static ZoneId zone(String timezone) {
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + timezone + "' is not a time zone; use an IANA name such as"
                    + " Europe/Berlin, America/New_York or UTC");
        }
    }

    /** The expression a shortcut stands for, or the expression itself, with its spaces tidied. */
    public static String expand(String cron) {
        String trimmed = cron.trim().replaceAll("\\s+", " ");
        String name = trimmed.toLowerCase(Locale.ROOT);
        return SHORTCUTS.getOrDefault(name.startsWith("@") ? name.substring(1) : name, trimmed);
    }

    public String expression() {
        return expression;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The first fire time after {@code after}, if the expression ever fires again. */
    public Optional<Instant> next(Instant after) {
        return times.nextExecution(after.atZone(zone)).map(ZonedDateTime::toInstant);
    }

    /** How many times it fires from {@code from} to {@code to}, both included, counting up to {@code limit}. */
    public int count(Instant from, Instant to, int limit) {
        int found = 0;
        Optional<Instant> next = next(from.minusMillis(1));
        while (found < limit && next.isPresent() && !next.get().isAfter(to)) {
            found++;
            next = next(next.get());
        }
        return found;
    }
}
