package dev.tasklane.gateway.tasks;

import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.store.task.TaskReconciler;
import dev.tasklane.store.task.TaskRepository;
import dev.tasklane.store.task.TaskRow;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.runtime.event.annotation.EventListener;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Notices, within seconds, workflows Temporal closed without running their code (terminated or timed out from the
 * Web UI or CLI), so no lifecycle event records it, and sets their unfinished catalog rows right through the
 * {@link TaskReconciler}: streams, listings and the dashboard then show the end. One visibility query per look, for
 * the few workflows closed that way lately; a workflow ended by its own code is never read. It looks on a thread of its
 * own that stops as the application begins to stop: a look made while beans close would make them anew (a second
 * store pool, a second dev server writing into the data directory).
 */
@Singleton
@ServesApi
public class ClosedOutsideWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(ClosedOutsideWatcher.class);
    /** Visibility may record a close a little after it happened: each look reaches back this far past the last. */
    private static final Duration OVERLAP = Duration.ofSeconds(30);
    /** How far the first look after a start reaches back, for closes while no gateway ran. */
    private static final Duration FIRST_LOOK_BACK = Duration.ofHours(1);
    private static final int PAGE = 200;
    private static final int MOST_PAGES = 5;
    private static final long DEADLINE_MILLIS = 5000;

    private final WorkflowClient client;
    private final TaskRepository tasks;
    private final TaskReconciler reconciler;
    private final Clock clock;
    private final Duration every;
    private final ScheduledExecutorService looker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "closed-outside-watcher");
        thread.setDaemon(true);
        return thread;
    });
    private Instant lookedUpTo;

    public ClosedOutsideWatcher(WorkflowClient client, TaskRepository tasks, TaskReconciler reconciler, Clock clock,
                                @Value("${tasklane.temporal.closed-outside-check:2s}") Duration every) {
        this.client = client;
        this.tasks = tasks;
        this.reconciler = reconciler;
        this.clock = clock;
        this.every = every;
    }

    @EventListener
    void onStartup(StartupEvent started) {
        looker.scheduleWithFixedDelay(this::lookOnce, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops looking before any bean closes, letting a look under way end (never interrupted: it may be in JDBC). */
    @EventListener
    void onShutdown(ShutdownEvent stopping) throws InterruptedException {
        looker.shutdown();
        if (!looker.awaitTermination(DEADLINE_MILLIS * 2, TimeUnit.MILLISECONDS)) {
            LOG.warn("a look for workflows closed outside Tasklane is still running as the application stops");
        }
    }

    /** A failure the look does not expect is logged, never allowed to end the repeated looks. */
    private void lookOnce() {
        try {
            look();
        } catch (RuntimeException unexpected) {
            LOG.warn("the look for workflows closed outside Tasklane failed", unexpected);
        }
    }

    /** One look; when Temporal or the store does not answer, the next look covers the same stretch of time again. */
    void look() {
        Instant now = clock.instant();
        Instant since = lookedUpTo == null ? now.minus(FIRST_LOOK_BACK) : lookedUpTo.minus(OVERLAP);
        try {
            Set<String> closed = closedOutsideSince(since);
            if (!closed.isEmpty()) {
                for (TaskRow task : tasks.findByIdIn(closed)) {
                    TaskRow reconciled = reconciler.reconcile(task);
                    if (!task.status().isTerminal() && reconciled.status().isTerminal()) {
                        LOG.info("task {} was closed in Temporal outside Tasklane: now {}", task.id(),
                                reconciled.status());
                    }
                }
            }
            lookedUpTo = now;
        } catch (StatusRuntimeException | DataAccessException unavailable) {
            LOG.debug("could not look for workflows closed outside Tasklane: {}", unavailable.toString());
        }
    }

    /** Ids of the workflows terminated or timed out since {@code since}, at most a few pages of them. */
    private Set<String> closedOutsideSince(Instant since) {
        String query = "(ExecutionStatus = 'Terminated' OR ExecutionStatus = 'TimedOut') AND CloseTime >= '"
                + since + "'";
        Set<String> ids = new LinkedHashSet<>();
        ListWorkflowExecutionsRequest.Builder request = ListWorkflowExecutionsRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace()).setQuery(query).setPageSize(PAGE);
        for (int page = 0; page < MOST_PAGES; page++) {
            ListWorkflowExecutionsResponse answer = client.getWorkflowServiceStubs().blockingStub()
                    .withDeadlineAfter(DEADLINE_MILLIS, TimeUnit.MILLISECONDS)
                    .listWorkflowExecutions(request.build());
            answer.getExecutionsList().stream().map(WorkflowExecutionInfo::getExecution)
                    .forEach(execution -> ids.add(execution.getWorkflowId()));
            if (answer.getNextPageToken().isEmpty()) {
                break;
            }
            request.setNextPageToken(answer.getNextPageToken());
        }
        return ids;
    }
}
