package dev.tasklane.gateway.flow;

import dev.tasklane.gateway.config.PriorityProperties;
import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.store.task.TaskRepository;
import dev.tasklane.store.task.TaskRow;
import dev.tasklane.workflows.lifecycle.TaskPriority;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * Moves tasks that wait too long up a level, so no task starves behind a stream of higher ones: every few seconds, a
 * task ready to run that has waited {@code ageing-after} since its submission or its last change moves up one level,
 * up to {@code ageing-up-to}. Runs in every gateway; a task another gateway moved first is passed over.
 */
@Singleton
@ServesApi
public class PriorityAgeing {

    private static final Logger LOG = LoggerFactory.getLogger(PriorityAgeing.class);
    /** The most tasks one round moves. */
    private static final int ROUND = 500;

    private final TaskRepository tasks;
    private final PriorityChanges changes;
    private final PriorityProperties priority;
    private final Clock clock;

    public PriorityAgeing(TaskRepository tasks, PriorityChanges changes, PriorityProperties priority, Clock clock) {
        this.tasks = tasks;
        this.changes = changes;
        this.priority = priority;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${tasklane.priority.ageing-check}", initialDelay = "${tasklane.priority.ageing-check}")
    void ageWaitingTasks() {
        if (!priority.ages()) {
            return;
        }
        List<String> below = Arrays.stream(TaskPriority.values())
                .filter(level -> level.temporalKey() > priority.ageingUpTo().temporalKey()).map(Enum::name).toList();
        if (below.isEmpty()) {
            return;
        }
        int moved = 0;
        for (TaskRow task : tasks.findAgeing(below, clock.instant().minus(priority.ageingAfter()), ROUND)) {
            try {
                moved += changes.apply(task, task.priority().raisedBy(1)) ? 1 : 0;
            } catch (RuntimeException notNow) {
                LOG.warn("could not age task {}: {}", task.id(), notNow.getMessage());
                return;
            }
        }
        if (moved > 0) {
            LOG.info("{} tasks waited {} and moved up a level", moved, priority.ageingAfter());
        }
    }
}
