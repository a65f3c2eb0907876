package dev.tasklane.gateway.tasks;

import dev.tasklane.activities.store.JsonColumns;
import dev.tasklane.activities.store.TaskRepository;
import dev.tasklane.activities.store.TaskRow;
import dev.tasklane.gateway.temporal.TemporalConnection;
import dev.tasklane.workflows.batch.BatchRequest;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.Async;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * After a restart on the embedded server, which forgets every workflow, submits each unfinished catalog
 * task again so it runs to the end (at least once: activities are idempotent for their receivers). The children of
 * an unfinished batch are left to their batch, which starts them again itself.
 */
@Context
@Requires(property = "tasklane.role", value = "all")
public class CatalogRedrive {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogRedrive.class);
    private static final int PAGE = 500;
    private static final String BATCH = "batch";
    private static final List<String> UNFINISHED = TaskStatus.unfinished().stream().map(Enum::name).toList();

    private final TaskRepository tasks;
    private final TaskLauncher launcher;
    private final TemporalConnection temporal;
    private final JsonColumns json;
    private final boolean onStart;
    /** When this application started: tasks submitted since are started by their submitters, not re-submitted. */
    private final Instant startedAt;

    public CatalogRedrive(TaskRepository tasks, TaskLauncher launcher, TemporalConnection temporal, JsonColumns json,
                          @Value("${tasklane.temporal.redrive-on-start:true}") boolean onStart, Clock clock) {
        this.tasks = tasks;
        this.launcher = launcher;
        this.temporal = temporal;
        this.json = json;
        this.onStart = onStart;
        this.startedAt = clock.instant();
    }

    @EventListener
    @Async(TaskExecutors.BLOCKING)
    void onStartup(StartupEvent event) {
        if (onStart) {
            redrive();
        }
    }

    /** Submits again every task that was unfinished when the application started, except a batch's children. */
    void redrive() {
        if (!temporal.isEmbedded()) {
            return;
        }
        Set<String> batchChildren = new HashSet<>();
        forEachUnfinished(task -> {
            if (task.type().equals(BATCH)) {
                json.read(task.inputJson(), BatchRequest.class).items().forEach(item -> batchChildren.add(item.taskId()));
            }
        });
        int[] count = {0};
        forEachUnfinished(task -> {
            if (!batchChildren.contains(task.id())) {
                launcher.start(task);
                count[0]++;
            }
        });
        if (count[0] > 0) {
            LOG.info("re-submitted {} unfinished tasks to the embedded Temporal server", count[0]);
        }
    }

    /** Hands every unfinished task to {@code each}, oldest first, a page at a time. */
    private void forEachUnfinished(Consumer<TaskRow> each) {
        tasks.forEachInStatuses(UNFINISHED, PAGE, task -> {
            if (task.createdAt().isBefore(startedAt)) {
                each.accept(task);
            }
        });
    }
}
