package dev.tasklane.gateway.events;

import dev.tasklane.gateway.security.Caller;
import dev.tasklane.store.JsonColumns;
import dev.tasklane.store.event.TaskEventRepository;
import dev.tasklane.store.event.TaskEventRow;
import dev.tasklane.store.task.TaskRow;
import dev.tasklane.workflows.lifecycle.TaskProgress;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.sse.Event;
import jakarta.inject.Singleton;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Server-sent event streams: what already happened (from the log, after a given event id) followed without a gap by
 * what happens next (from the {@link TaskEventHub}, which reads the log once for every stream of this process). No
 * stream polls Temporal or the store itself; the log is replayed a page at a time, as the client takes it, through
 * {@link StreamReads}, so a client that goes away mid-replay never interrupts a read of the store.
 */
@Singleton
public class TaskEventStreams {

    private static final int PAGE = 500;
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final TaskEventRepository events;
    private final TaskEventHub hub;
    private final StreamReads reads;
    private final StreamPermits permits;
    private final JsonColumns json;

    public TaskEventStreams(TaskEventRepository events, TaskEventHub hub, StreamReads reads, StreamPermits permits,
                            JsonColumns json) {
        this.events = events;
        this.hub = hub;
        this.reads = reads;
        this.permits = permits;
        this.json = json;
    }

    /**
     * One task's events after {@code afterId}, live until its terminal event, which ends the stream; a finished
     * task's stream ends after the replay. The end of a run a reset left behind does not end it: only an end after the
     * task's latest start does. Throws a 429 problem when {@code caller} has too many streams open.
     */
    public Flux<TaskEventView> forTask(Caller caller, TaskRow task, long afterId) {
        LogPages log = (after, upTo) -> events.findForTask(task.id(), after, upTo, PAGE);
        if (task.status().isTerminal()) {
            return permits.held(caller, replay(log, afterId, Long.MAX_VALUE).map(this::view));
        }
        long latestStart = events.findLatestStartId(task.id());
        return permits.held(caller, stream(e -> e.taskId().equals(task.id()), log, afterId,
                e -> e.isTerminal() && e.id() > latestStart));
    }

    /**
     * The events {@code caller} sees, filtered; replayed from {@code afterId} when given (a resumed stream), otherwise
     * only what happens from now on. It does not end by itself. Throws a 429 problem when {@code caller} has too
     * many streams open.
     */
    public Flux<TaskEventView> forCaller(Caller caller, Predicate<TaskEventRow> filter, @Nullable Long afterId) {
        String tenant = caller.tenant();
        String owner = caller.ownerScope();
        Predicate<TaskEventRow> mine = e -> e.tenant().equals(tenant) && (owner == null || e.owner().equals(owner))
                && filter.test(e);
        LogPages history;
        if (afterId == null) {
            history = null;
        } else if (owner == null) {
            history = (after, upTo) -> events.findForTenant(tenant, after, upTo, PAGE);
        } else {
            history = (after, upTo) -> events.findForOwner(tenant, owner, after, upTo, PAGE);
        }
        return permits.held(caller, stream(mine, history, afterId == null ? 0 : afterId, e -> false));
    }

    /** Events of task type {@code type} and resulting status {@code status}; null for any. */
    public static Predicate<TaskEventRow> matching(@Nullable String type, @Nullable TaskStatus status) {
        return e -> (type == null || e.taskType().equals(type)) && (status == null || e.status() == status);
    }

    /** Lists the task's log after {@code afterId}. */
    public List<TaskEventView> log(String taskId, long afterId, int limit) {
        return events.findForTask(taskId, afterId, Long.MAX_VALUE, limit).stream().map(this::view).toList();
    }

    /** One page of a stream's part of the log, after one event id up to another. */
    private interface LogPages {
        List<TaskEventRow> page(long afterId, long upTo);
    }

    private Flux<TaskEventView> stream(Predicate<TaskEventRow> filter, @Nullable LogPages log, long afterId,
                                       Predicate<TaskEventRow> last) {
        // Follow first, then read the log up to where the live events start: each event is in exactly one.
        Flux<TaskEventRow> rows = Flux.using(() -> hub.subscribe(filter),
                live -> Mono.fromFuture(live.after(), true)
                        .flatMapMany(upTo -> replay(log, afterId, upTo))
                        .filter(filter)
                        .concatWith(live.events().filter(e -> e.id() > afterId)),
                TaskEventHub.Subscription::close);
        return rows.takeUntil(last).map(this::view);
    }

    /**
     * The events as server-sent events, each with its id and name. Opens with a comment, so the response starts at
     * once (the live subscription already exists), and sends one every {@link #KEEP_ALIVE} so idle connections are
     * not cut; clients ignore comments.
     */
    public static Flux<Event<Object>> serverSent(Flux<TaskEventView> views) {
        Flux<Event<Object>> events = views.map(view -> Event.<Object>of(view).id(Long.toString(view.id()))
                .name(view.event()));
        Sinks.Empty<Void> ended = Sinks.empty();
        Flux<Event<Object>> beats = Flux.interval(KEEP_ALIVE, KEEP_ALIVE)
                .map(tick -> comment("keep-alive"))
                .takeUntilOther(ended.asMono());
        return Flux.merge(events.doFinally(signal -> ended.tryEmitEmpty()), beats).startWith(comment("connected"));
    }

    private static Event<Object> comment(String text) {
        return Event.<Object>of("").comment(text);
    }

    /** The log after {@code afterId} up to {@code upTo}, a page at a time. */
    private Flux<TaskEventRow> replay(@Nullable LogPages log, long afterId, long upTo) {
        if (log == null || afterId >= upTo) {
            return Flux.empty();
        }
        return reads.<List<TaskEventRow>>pages(() -> log.page(afterId, upTo), page -> page.size() < PAGE
                        ? Optional.empty() : Optional.of(() -> log.page(page.get(page.size() - 1).id(), upTo)))
                .concatMapIterable(page -> page);
    }

    private TaskEventView view(TaskEventRow row) {
        return new TaskEventView(row.id(), row.eventType().wireName(), row.taskId(), row.taskType(), row.at(),
                row.status(), json.read(row.progressJson(), TaskProgress.class), row.message(),
                json.read(row.dataJson(), Object.class));
    }
}
