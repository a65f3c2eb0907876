package dev.tasklane.gateway.tasks;

import dev.tasklane.gateway.config.QuotaProperties;
import dev.tasklane.gateway.problem.ProblemException;
import dev.tasklane.gateway.problem.ProblemType;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.store.task.TaskCatalog;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Keeps one tenant's flood from swamping the others, and one owner's from locking out the rest of their tenant:
 * caps on unfinished tasks, on an owner's tasks scheduled for later and on submissions per sliding minute (this
 * minute's count plus the share of the last minute's still inside the window), each for the tenant and a smaller
 * one for each owner, all kept in the shared store so every gateway enforces the same numbers. Over any: 429 with
 * {@code Retry-After}, whose text shows tenant-wide numbers only to those who see the whole tenant. The unfinished
 * caps are read, not reserved, so submissions checked at the same instant may pass them by their number; how few
 * statements the checks take is {@link UnfinishedCounts}' and {@link RateSlots}' business.
 */
@Singleton
public class TenantQuota {

    static final long UNFINISHED_RETRY_AFTER_SECONDS = 5;
    private static final List<TaskStatus> UNFINISHED = TaskStatus.unfinished();
    private static final List<TaskStatus> SCHEDULED = List.of(TaskStatus.SCHEDULED);
    /** The states of a task ready to run that has not started. */
    private static final List<TaskStatus> READY = List.of(TaskStatus.QUEUED, TaskStatus.WAITING);

    private final UnfinishedCounts counts;
    private final TaskCatalog catalog;
    private final RateSlots slots;
    private final QuotaProperties quota;
    private final Clock clock;

    public TenantQuota(UnfinishedCounts counts, TaskCatalog catalog, RateSlots slots, QuotaProperties quota,
                       Clock clock) {
        this.counts = counts;
        this.catalog = catalog;
        this.slots = slots;
        this.quota = quota;
        this.clock = clock;
    }

    /**
     * Counts {@code count} submissions at once (a batch and its children), all or none, of tasks {@code owner} of
     * the caller's tenant will own; {@code later} when they are scheduled for later. Throws a 429 problem when they
     * may not be submitted now.
     */
    public void admit(Caller caller, String owner, int count, boolean later) {
        String tenant = caller.tenant();
        int ownerUnfinished = quota.maxUnfinishedTasksPerOwner();
        if (over(tenant, owner, UNFINISHED, ownerUnfinished, count)) {
            throw refused("'" + owner + "' may have at most " + ownerUnfinished + " unfinished tasks of their own,"
                    + " and " + count + " more would pass that; submit again when some have finished",
                    UNFINISHED_RETRY_AFTER_SECONDS);
        }
        int ownerScheduled = quota.maxScheduledTasksPerOwner();
        if (later && over(tenant, owner, SCHEDULED, ownerScheduled, count)) {
            throw refused("'" + owner + "' may have at most " + ownerScheduled + " tasks scheduled for later, and "
                    + count + " more would pass that; submit again when some have started, or cancel some",
                    UNFINISHED_RETRY_AFTER_SECONDS);
        }
        int tenantQueued = quota.maxQueuedTasks();
        if (!later && over(tenant, null, READY, tenantQueued, count)) {
            throw refused(caller.seesWholeTenant()
                    ? "tenant '" + tenant + "' may have at most " + tenantQueued + " tasks waiting to start, and "
                            + count + " more would pass that; submit again when some have started"
                    : "the tenant's queue is full; submit again when some of its tasks have started",
                    UNFINISHED_RETRY_AFTER_SECONDS);
        }
        int tenantUnfinished = quota.maxUnfinishedTasks();
        if (over(tenant, null, UNFINISHED, tenantUnfinished, count)) {
            throw refused(caller.seesWholeTenant()
                    ? "tenant '" + tenant + "' may have at most " + tenantUnfinished + " unfinished tasks, its quota,"
                            + " and " + count + " more would pass it; submit again when some have finished"
                    : "the tenant's quota of unfinished tasks is full; submit again when some have finished",
                    UNFINISHED_RETRY_AFTER_SECONDS);
        }
        // The owner's slots first: an owner over their own rate must not use up the tenant's.
        Instant now = clock.instant();
        int ownerRate = quota.submissionsPerMinutePerOwner();
        long wait = ownerRate > 0 ? slots.take(tenant, owner, ownerRate, count, now) : 0;
        if (wait > 0) {
            throw refused("'" + owner + "' would pass their quota of " + ownerRate + " submissions per minute with "
                    + count + " more; submit again in " + wait + " s", wait);
        }
        int tenantRate = quota.submissionsPerMinute();
        wait = tenantRate > 0 ? slots.take(tenant, null, tenantRate, count, now) : 0;
        if (wait > 0) {
            if (ownerRate > 0) {
                // refused all the same: the owner keeps their allowance for when the tenant has room
                slots.giveBack(tenant, owner, count, now);
            }
            throw refused(caller.seesWholeTenant()
                    ? "tenant '" + tenant + "' would pass its quota of " + tenantRate + " submissions per minute with "
                            + count + " more; submit again in " + wait + " s"
                    : "the tenant's quota of submissions per minute is full; submit again in " + wait + " s", wait);
        }
    }

    /**
     * Throws a 429 when {@code count} more tasks ready to run would pass the cap of task queue {@code queue}, which
     * holds {@code types}, over every tenant.
     */
    public void admitToQueue(String queue, List<String> types, int count) {
        int most = quota.maxQueuedTasksPerQueue();
        if (most > 0 && catalog.countOfTypesUpTo(types, READY, most + 1L) + count > most) {
            throw refused("task queue " + queue + " holds its most tasks waiting to start (" + most + "); submit again"
                    + " when some have started", UNFINISHED_RETRY_AFTER_SECONDS);
        }
    }

    private boolean over(String tenant, @Nullable String owner, List<TaskStatus> statuses, int most, int count) {
        return most > 0 && counts.wouldPass(tenant, owner, statuses, most, count);
    }

    private static ProblemException refused(String detail, long retryAfterSeconds) {
        return new ProblemException(ProblemType.QUOTA_EXCEEDED, detail)
                .withHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
    }
}
