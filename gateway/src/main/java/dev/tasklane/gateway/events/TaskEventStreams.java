package dev.tasklane.gateway.events;

import dev.tasklane.activities.store.JsonColumns;
import dev.tasklane.activities.store.TaskEventHub;
import dev.tasklane.activities.store.TaskEventRepository;
import dev.tasklane.activities.store.TaskEventRow;
import dev.tasklane.activities.store.TaskRow;
import dev.tasklane.workflows.lifecycle.TaskProgress;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Event streams: what already happened (from the log, after a given event id) followed without a gap by
 * what happens next (from this process's {@link TaskEventHub}). No stream polls Temporal or the store.
 */
@Singleton
public class TaskEventStreams {

    private static final int PAGE = 500;

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
        return replayThenFollow(e -> e.taskId().equals(task.id()),
                        after -> events.findForTask(task.id(), after, PAGE), afterId)
                .takeUntil(TaskEventRow::isTerminal)
                .map(this::view);
    }

    /**
     * A tenant's events, filtered; replayed from {@code afterId} when given (a resumed stream), otherwise
     * only what happens from now on.
     */
    public Flux<TaskEventView> forTenant(String tenant, Predicate<TaskEventRow> filter, @Nullable Long afterId) {
        Predicate<TaskEventRow> mine = e -> e.tenant().equals(tenant) && filter.test(e);
        Function<Long, List<TaskEventRow>> history = afterId == null
                ? after -> List.of()
                : after -> events.findForTenant(tenant, after, PAGE);
        return replayThenFollow(mine, history, afterId == null ? 0 : afterId).map(this::view);
    }

    /** Lists the task's log after {@code afterId}. */
    public List<TaskEventView> log(String taskId, long afterId, int limit) {
        return events.findForTask(taskId, afterId, limit).stream().map(this::view).toList();
    }

    private Flux<TaskEventRow> replayThenFollow(Predicate<TaskEventRow> filter,
                                               Function<Long, List<TaskEventRow>> page, long afterId) {
        return Flux.defer(() -> {
            // Follow first, then read history: an event appended in between is in one or the other, or both.
            TaskEventHub.Subscription live = hub.subscribe(filter);
            List<TaskEventRow> replayed = readAll(page, afterId).stream().filter(filter).toList();
            if (replayed.stream().anyMatch(TaskEventRow::isTerminal)) {
                live.close();
                return Flux.fromIterable(replayed);
            }
            Set<Long> seen = new HashSet<>();
            replayed.forEach(e -> seen.add(e.id()));
            return Flux.fromIterable(replayed)
                    .concatWith(live.events().filter(e -> e.id() > afterId && !seen.contains(e.id())));
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private static List<TaskEventRow> readAll(Function<Long, List<TaskEventRow>> page, long afterId) {
        List<TaskEventRow> all = new ArrayList<>();
        long after = afterId;
        List<TaskEventRow> batch;
        do {
            batch = page.apply(after);
            all.addAll(batch);
            if (!batch.isEmpty()) {
                after = batch.get(batch.size() - 1).id();
            }
        } while (batch.size() == PAGE);
        return all;
    }

    TaskEventView view(TaskEventRow row) {
        return new TaskEventView(row.id(), row.eventType().wireName(), row.taskId(), row.taskType(), row.at(),
                row.status(), json.read(row.progressJson(), TaskProgress.class), row.message(),
                json.read(row.dataJson(), Object.class));
    }
}
