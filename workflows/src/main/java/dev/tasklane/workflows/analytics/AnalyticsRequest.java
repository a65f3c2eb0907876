package dev.tasklane.workflows.analytics;

import dev.tasklane.workflows.lifecycle.PayloadField;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The {@code analytics} payload.
 *
 * @param days how many days, today included, to aggregate again (default 2: yesterday and today)
 */
@Serdeable
public record AnalyticsRequest(@PayloadField("Days to aggregate, today included, 1-366 (default 2).") Integer days) {

    public static final int DEFAULT_DAYS = 2;
    public static final int LONGEST = 366;

    public int daysOrDefault() {
        return days == null ? DEFAULT_DAYS : days;
    }
}
