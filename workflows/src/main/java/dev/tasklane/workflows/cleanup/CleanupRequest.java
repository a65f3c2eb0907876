package dev.tasklane.workflows.cleanup;

import dev.tasklane.workflows.lifecycle.PayloadField;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The {@code cleanup} payload.
 *
 * @param maxAgeHours removes every finished task that ended longer ago than this, whatever its outcome; without it
 *                    each outcome keeps to its configured retention
 */
@Serdeable
public record CleanupRequest(
        @PayloadField("Hours since a finished task ended, 1-87600, after which it goes; default: the retention per"
                + " outcome.") Integer maxAgeHours) {

    public static final int LONGEST_MAX_AGE_HOURS = 87_600;
}
