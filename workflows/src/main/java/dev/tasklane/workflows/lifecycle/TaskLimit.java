package dev.tasklane.workflows.lifecycle;

import io.micronaut.serde.annotation.Serdeable;

/**
 * How many tasks of one key may run at once and start per period, across every worker: a task waits, WAITING, until
 * all its limits have room. In a submission the key is the client's own; in the settings a workflow starts with it is
 * the whole key the store counts by, the tenant's or the configured limit's name in front.
 *
 * @param key           what the limit counts by
 * @param concurrency   the most tasks of the key running at once, or null for no bound
 * @param rate          the most tasks of the key starting within {@code periodSeconds}, or null for no bound
 * @param periodSeconds the period of {@code rate}; 60 when null
 */
@Serdeable
public record TaskLimit(
        @PayloadField(value = "What the limit counts by, such as a customer's ID: tasks of your tenant with the same key "
                + "share its room (at most 200 characters).", required = true) String key,
        @PayloadField("The most tasks with this key running at once, 1-10000.") Integer concurrency,
        @PayloadField("The most tasks with this key starting within periodSeconds, 1-100000.") Integer rate,
        @PayloadField("The period of rate in seconds, 1-86400; a minute when left out.") Integer periodSeconds) {

    /** The period of a rate given without one: a minute. */
    public static final int DEFAULT_PERIOD_SECONDS = 60;

    public int period() {
        return periodSeconds == null ? DEFAULT_PERIOD_SECONDS : periodSeconds;
    }

    /** The same limit counted by {@code wholeKey}. */
    public TaskLimit keyed(String wholeKey) {
        return new TaskLimit(wholeKey, concurrency, rate, periodSeconds);
    }
}
