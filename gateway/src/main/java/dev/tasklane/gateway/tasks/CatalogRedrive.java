package dev.tasklane.gateway.tasks;

import dev.tasklane.activities.store.TaskRepository;
import dev.tasklane.activities.store.TaskRow;
import dev.tasklane.gateway.temporal.TemporalConnection;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.Async;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;

/**
 * After a restart on the embedded server, which forgets every workflow, submits each unfinished catalog
 * task again so it runs to the end (at least once: activities are idempotent for their receivers).
 */
@Singleton
@Requires(property = "tasklane.role", value = "all")
public class CatalogRedrive {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogRedrive.class);
    private static final int PAGE = 500;
    private static final List<String> UNFINISHED = TaskStatus.unfinished().stream().map(Enum::name).toList();

    private final TaskRepository tasks;
    private final TaskLauncher launcher;
    private final TemporalConnection temporal;

    public CatalogRedrive(TaskRepository tasks, TaskLauncher launcher, TemporalConnection temporal) {
        this.tasks = tasks;
        this.launcher = launcher;
        this.temporal = temporal;
    }

    @EventListener
    @Async(TaskExecutors.BLOCKING)
    void onStartup(StartupEvent event) {
        if (!temporal.isEmbedded()) {
            return;
        }
        int count = 0;
        Instant afterCreated = Instant.EPOCH;
        String afterId = "";
        List<TaskRow> page;
        do {
            page = tasks.findInStatusesAfter(UNFINISHED, afterCreated, afterId, PAGE);
            for (TaskRow task : page) {
                launcher.start(task);
                count++;
                afterCreated = task.createdAt();
                afterId = task.id();
            }
        } while (page.size() == PAGE);
        if (count > 0) {
            LOG.info("re-submitted {} unfinished tasks to the embedded Temporal server", count);
        }
    }
}
