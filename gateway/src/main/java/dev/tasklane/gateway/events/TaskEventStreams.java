package dev.tasklane.gateway.events;

import dev.tasklane.activities.store.JsonColumns;
import dev.tasklane.activities.store.TaskEventHub;
import dev.tasklane.activities.store.TaskEventRepository;
import dev.tasklane.activities.store.TaskEventRow;
import dev.tasklane.activities.store.TaskRow;
import dev.tasklane.workflows.lifecycle.TaskProgress;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.sse.Event;
import jakarta.inject.Singleton;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Server-sent event streams: what already happened (from the log, after a given event id) followed without a gap by
 * what happens next (from the {@link TaskEventHub}, which reads the log once for every stream of this process). No
 * stream polls Temporal or the store itself.
 */
@Singleton
public class TaskEventStreams {

    private static final int PAGE = 500;
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final TaskEventRepository events;
    private final TaskEventHub hub;
    private final JsonColumns json;

    public TaskEventStreams(TaskEventRepository events, TaskEventHub hub, JsonColumns json) {
        this.events = events;
        this.hub = hub;
        this.json = json;
    }

    /** One task's events after {@code afterId}, live until its terminal event, which ends the stream. */
    public Flux<TaskEventView> forTask(TaskRow task, long afterId) {
        return stream(e -> e.taskId().equals(task.id()),
                (after, upTo) -> events.findForTask(task.id(), after, upTo, PAGE), afterId, true);
    }

    /**
     * A tenant's events, or one owner's within it, filtered; replayed from {@code afterId} when given (a resumed
     * stream), otherwise only what happens from now on. It does not end by itself.
     */
    public Flux<TaskEventView> forTenant(String tenant, @Nullable String owner, Predicate<TaskEventRow> filter,
                                         @Nullable Long afterId) {
        Predicate<TaskEventRow> mine = e -> e.tenant().equals(tenant) && (owner == null || e.owner().equals(owner))
                && filter.test(e);
        LogPages history;
        if (afterId == null) {
            history = (after, upTo) -> List.of();
        } else if (owner == null) {
            history = (after, upTo) -> events.findForTenant(tenant, after, upTo, PAGE);
        } else {
            history = (after, upTo) -> events.findForOwner(tenant, owner, after, upTo, PAGE);
        }
        return stream(mine, history, afterId == null ? 0 : afterId, false);
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

    private Flux<TaskEventView> stream(Predicate<TaskEventRow> filter, LogPages log, long afterId,
                                       boolean endAtTerminal) {
        return Flux.defer(() -> {
            // Follow first, then read the log up to where the live events start: each event is in exactly one.
            TaskEventHub.Subscription live = hub.subscribe(filter);
            List<TaskEventRow> replayed = readAll(log, afterId, live.after()).stream().filter(filter).toList();
            Flux<TaskEventRow> rows;
            if (endAtTerminal && replayed.stream().anyMatch(TaskEventRow::isTerminal)) {
                live.close();
                rows = Flux.fromIterable(replayed);
            } else {
                rows = Flux.fromIterable(replayed).concatWith(live.events().filter(e -> e.id() > afterId));
            }
            if (endAtTerminal) {
                rows = rows.takeUntil(TaskEventRow::isTerminal);
            }
            return rows.map(this::view);
        }).subscribeOn(Schedulers.boundedElastic());
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

    private static List<TaskEventRow> readAll(LogPages log, long afterId, long upTo) {
        List<TaskEventRow> all = new ArrayList<>();
        long after = afterId;
        List<TaskEventRow> batch;
        do {
            batch = log.page(after, upTo);
            all.addAll(batch);
            if (!batch.isEmpty()) {
                after = batch.get(batch.size() - 1).id();
            }
        } while (batch.size() == PAGE);
        return all;
    }

    private TaskEventView view(TaskEventRow row) {
        return new TaskEventView(row.id(), row.eventType().wireName(), row.taskId(), row.taskType(), row.at(),
                row.status(), json.read(row.progressJson(), TaskProgress.class), row.message(),
                json.read(row.dataJson(), Object.class));
    }
}
