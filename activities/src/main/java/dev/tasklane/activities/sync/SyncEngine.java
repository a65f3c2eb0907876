package dev.tasklane.activities.sync;

import dev.tasklane.activities.outbound.DestinationGuard;
import dev.tasklane.activities.outbound.ForbiddenDestinationException;
import dev.tasklane.activities.progress.ProgressReporter;
import dev.tasklane.activities.secrets.SecretBox;
import dev.tasklane.store.event.TaskEventType;
import dev.tasklane.store.task.TaskHeader;
import dev.tasklane.store.task.TaskRepository;
import dev.tasklane.workflows.lifecycle.RetrySettings;
import dev.tasklane.workflows.lifecycle.TaskProgress;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import dev.tasklane.workflows.sync.SyncActivities;
import dev.tasklane.workflows.sync.SyncResult;
import dev.tasklane.workflows.sync.SyncSource;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Pulls a paginated source into a {@link SyncTarget} inside the calling activity: page by page, in batches, each
 * batch committed with the run's checkpoint and then heartbeated, the next batch mapped on another thread meanwhile.
 * A new attempt resumes after the last committed batch; a cancelled task stops after the batch in hand.
 */
@Singleton
public class SyncEngine {

    private static final int LONGEST_RECORD_KEPT = 4000;

    private final HttpClient http;
    private final DestinationGuard guard;
    private final SyncStore store;
    private final TaskRepository tasks;
    private final ProgressReporter progress;
    private final SecretBox secrets;
    private final JsonMapper json;
    private final Clock clock;
    private final ExecutorService mapper = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "sync-mapper");
        thread.setDaemon(true);
        return thread;
    });

    public SyncEngine(@Named("webhook") HttpClient http, DestinationGuard guard, SyncStore store,
                      TaskRepository tasks, ProgressReporter progress, SecretBox secrets, JsonMapper json,
                      Clock clock) {
        this.http = http;
        this.guard = guard;
        this.store = store;
        this.tasks = tasks;
        this.progress = progress;
        this.secrets = secrets;
        this.json = json;
        this.clock = clock;
    }

    /** Runs (or resumes) the calling task's sync of {@code source} into {@code target}. */
    public SyncResult run(SyncSource source, SyncTarget target, int batchSize, RetrySettings retry) {
        ActivityExecutionContext context = Activity.getExecutionContext();
        String taskId = context.getInfo().getWorkflowId();
        checkSource(source);
        String tenant = tasks.findHeaderById(taskId).map(TaskHeader::tenant)
                .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure("task " + taskId + " is not in the"
                        + " catalog", SyncActivities.SOURCE_REFUSED));
        SyncStore.Claim claim = store.claim(taskId, clock.instant());
        SyncCheckpoint at = resumeFrom(context, claim.checkpoint());
        Run run = new Run(claim, at, System.nanoTime());
        try (SourcePager pager = new SourcePager(http, json, source, openHeaders(source), target.sourceQuery(), retry,
                clock, run::keepAlive, run::noteRetry)) {
            while (true) {
                SourcePage page = pager.fetch(run.at);
                pager.prefetchAfter(run.at, page);
                run.write(page, tenant, target, batchSize);
                if (page.last()) {
                    break;
                }
            }
        }
        return run.at.result(secondsSince(claim.startedAt()), false);
    }

    @PreDestroy
    void stopMapping() {
        mapper.shutdownNow();
    }

    /** What the run of {@code taskId} has committed, marked cancelled. */
    public SyncResult committedSoFar(String taskId) {
        return store.find(taskId)
                .map(claim -> claim.checkpoint().result(secondsSince(claim.startedAt()), true))
                .orElse(SyncCheckpoint.START.result(0, true));
    }

    private void checkSource(SyncSource source) {
        try {
            guard.resolveAllowed(URI.create(source.url()));
        } catch (ForbiddenDestinationException | IllegalArgumentException e) {
            throw ApplicationFailure.newNonRetryableFailure("source " + e.getMessage(), SyncActivities.SOURCE_REFUSED);
        } catch (UnknownHostException e) {
            throw ApplicationFailure.newFailure("cannot resolve the source's host " + e.getMessage(),
                    SyncActivities.SOURCE_UNAVAILABLE);
        }
    }

    /** The checkpoint to go on from: the store's, or the last heartbeat's should it be further along. */
    private static SyncCheckpoint resumeFrom(ActivityExecutionContext context, SyncCheckpoint committed) {
        return context.getHeartbeatDetails(SyncCheckpoint.class)
                .filter(heartbeat -> heartbeat.isAheadOf(committed))
                .orElse(committed);
    }

    private Map<String, String> openHeaders(SyncSource source) {
        Map<String, String> open = new LinkedHashMap<>();
        source.headersOrNone().forEach((name, value) -> open.put(name, secrets.open(value)));
        return open;
    }

    private double secondsSince(Instant start) {
        return Duration.between(start, clock.instant()).toMillis() / 1000.0;
    }

    /** A batch's records mapped, those that could not be, how many source records it took and where it ends. */
    private record MappedBatch(List<MappedRecord> records, List<SyncFailure> failures, int consumed, int end) {
    }

    /** One attempt's state: where it stands and how fast it goes. */
    private final class Run {

        private final SyncStore.Claim claim;
        private final long startedNanos;
        private final long fetchedAtStart;
        private SyncCheckpoint at;

        Run(SyncStore.Claim claim, SyncCheckpoint at, long startedNanos) {
            this.claim = claim;
            this.at = at;
            this.startedNanos = startedNanos;
            this.fetchedAtStart = at.fetched();
        }

        /**
         * Commits the page's records not yet committed, one batch at a time, heartbeating after each; the next batch
         * is mapped while one commits.
         */
        void write(SourcePage page, String tenant, SyncTarget target, int batchSize) {
            List<JsonNode> items = page.items();
            if (at.doneInPage() >= items.size()) {
                at = at.nextPage(items.size(), page.nextCursor());
                store.advance(claim, at, clock.instant());
                return;
            }
            long pageNumber = at.pages() + 1;
            CompletableFuture<MappedBatch> next = mapAhead(target, items, at.doneInPage(), batchSize, pageNumber);
            while (next != null) {
                MappedBatch batch = mapped(next);
                boolean endsPage = batch.end() >= items.size();
                next = endsPage ? null : mapAhead(target, items, batch.end(), batchSize, pageNumber);
                at = store.commitBatch(claim, tenant, target, batch.records(), batch.failures(), batch.consumed(),
                        page.total(), at, after -> endsPage ? after.nextPage(items.size(), page.nextCursor()) : after,
                        clock.instant());
                progress.report(progressNow(), at);
            }
        }

        private CompletableFuture<MappedBatch> mapAhead(SyncTarget target, List<JsonNode> items, int from,
                                                        int batchSize, long pageNumber) {
            int end = Math.min(items.size(), from + batchSize);
            return CompletableFuture.supplyAsync(() -> {
                List<MappedRecord> mapped = new ArrayList<>(end - from);
                List<SyncFailure> failures = new ArrayList<>();
                for (JsonNode record : items.subList(from, end)) {
                    mapOne(target, record, pageNumber, mapped, failures);
                }
                return new MappedBatch(mapped, failures, end - from, end);
            }, mapper);
        }

        private static MappedBatch mapped(CompletableFuture<MappedBatch> batch) {
            try {
                return batch.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }

        private void mapOne(SyncTarget target, JsonNode record, long pageNumber, List<MappedRecord> mapped,
                            List<SyncFailure> failures) {
            try {
                if (!record.isObject()) {
                    throw new UnmappableRecordException(null, "is not a JSON object");
                }
                mapped.add(target.map(record));
            } catch (UnmappableRecordException e) {
                failures.add(new SyncFailure(pageNumber, e.key(), e.getMessage(), text(record)));
            }
        }

        private String text(JsonNode record) {
            try {
                String text = json.writeValueAsString(record);
                return text.length() > LONGEST_RECORD_KEPT ? text.substring(0, LONGEST_RECORD_KEPT) : text;
            } catch (IOException e) {
                return null;
            }
        }

        void keepAlive() {
            progress.report(progressNow(), at);
        }

        void noteRetry(String message) {
            progress.record(TaskStatus.RUNNING, TaskEventType.PROGRESS_UPDATE, progressNow().withMessage(message),
                    message, null);
        }

        private TaskProgress progressNow() {
            Long total = at.total();
            double seconds = (System.nanoTime() - startedNanos) / 1e9;
            long done = at.fetched() - fetchedAtStart;
            Double eta = total != null && done > 0 && seconds > 0
                    ? Math.max(0, total - at.fetched()) / (done / seconds) : null;
            Double percent = total != null && total > 0 ? Math.min(100.0, 100.0 * at.fetched() / total) : null;
            String message = "page " + (at.pages() + 1) + ": " + at.fetched() + (total == null ? "" : " of " + total)
                    + " records (" + at.created() + " created, " + at.updated() + " updated, " + at.unchanged()
                    + " unchanged, " + at.failed() + " failed)";
            return new TaskProgress(percent, at.fetched(), total, message, "sync", List.of(), eta);
        }
    }
}
