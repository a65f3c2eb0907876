package dev.tasklane.gateway.tasks;

import dev.tasklane.activities.store.SubmissionWindows;
import dev.tasklane.activities.store.TaskCatalog;
import dev.tasklane.gateway.config.QuotaProperties;
import dev.tasklane.gateway.problem.ProblemException;
import dev.tasklane.gateway.problem.ProblemType;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpHeaders;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Keeps one tenant's flood from swamping the others: a cap on unfinished tasks and on submissions per sliding
 * minute (this minute's count plus the share of the last minute's still inside the window), both kept in the
 * shared store so every gateway enforces the same numbers. Over either: 429 with {@code Retry-After}. The
 * unfinished cap is read, not reserved, so submissions checked at the same instant may pass it by their number.
 */
@Singleton
public class TenantQuota {

    static final Duration WINDOW = Duration.ofMinutes(1);
    static final long UNFINISHED_RETRY_AFTER_SECONDS = 5;
    private static final List<TaskStatus> UNFINISHED = TaskStatus.unfinished();

    private final TaskCatalog catalog;
    private final SubmissionWindows windows;
    private final QuotaProperties quota;
    private final Clock clock;

    public TenantQuota(TaskCatalog catalog, SubmissionWindows windows, QuotaProperties quota, Clock clock) {
        this.catalog = catalog;
        this.windows = windows;
        this.quota = quota;
        this.clock = clock;
    }

    /** Counts a submission for {@code tenant}, or throws a 429 problem when it may not submit one now. */
    public void admit(String tenant) {
        admit(tenant, 1);
    }

    /** Counts {@code count} submissions at once (a batch and its children), all or none. */
    public void admit(String tenant, int count) {
        int maxUnfinished = quota.maxUnfinishedTasks();
        if (maxUnfinished > 0 && catalog.countUpTo(tenant, UNFINISHED, maxUnfinished) + count > maxUnfinished) {
            throw new ProblemException(ProblemType.QUOTA_EXCEEDED, "tenant '" + tenant + "' may have at most "
                    + maxUnfinished + " unfinished tasks, its quota, and " + count + " more would pass it; submit"
                    + " again when some have finished")
                    .withHeader(HttpHeaders.RETRY_AFTER, Long.toString(UNFINISHED_RETRY_AFTER_SECONDS));
        }
        int perMinute = quota.submissionsPerMinute();
        if (perMinute > 0) {
            takeRateSlots(tenant, perMinute, count);
        }
    }

    private void takeRateSlots(String tenant, int perMinute, int count) {
        Instant now = clock.instant();
        Instant windowStart = now.truncatedTo(ChronoUnit.MINUTES);
        double intoWindow = Duration.between(windowStart, now).toMillis() / (double) WINDOW.toMillis();
        int previous = windows.count(tenant, windowStart.minus(WINDOW));
        int allowance = perMinute - (int) Math.floor(previous * (1 - intoWindow));
        boolean taken;
        try {
            taken = windows.take(tenant, windowStart, allowance, count);
        } catch (DataAccessException racedFirstOfMinute) {
            taken = windows.take(tenant, windowStart, allowance, count);
        }
        if (!taken) {
            int current = windows.count(tenant, windowStart);
            // Room returns when the last minute's carried share has shrunk below what this minute leaves free,
            // or at the latest when the next minute starts.
            double roomAt = current >= perMinute || previous == 0 ? 1.0
                    : Math.min(1.0, 1 - (perMinute - current) / (double) previous);
            long wait = Math.max(1, (long) Math.ceil((roomAt - intoWindow) * WINDOW.toSeconds()));
            throw new ProblemException(ProblemType.QUOTA_EXCEEDED, "tenant '" + tenant + "' would pass its quota of "
                    + perMinute + " submissions per minute with " + count + " more; submit again in " + wait + " s")
                    .withHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait));
        }
    }
}
