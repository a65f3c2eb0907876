package dev.tasklane.activities.document;

import dev.tasklane.activities.progress.ProgressReporter;
import dev.tasklane.workflows.document.DocumentStage;
import dev.tasklane.workflows.lifecycle.TaskProgress;
import io.micronaut.core.annotation.Nullable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** One stage's progress reports: the bar across the whole pipeline, the stages done, and an ETA from the pace so far. */
final class StageProgress {

    private final ProgressReporter reporter;
    private final DocumentStage stage;
    private final Instant taskStarted;
    private final Clock clock;

    StageProgress(ProgressReporter reporter, DocumentStage stage, Instant taskStarted, Clock clock) {
        this.reporter = reporter;
        this.stage = stage;
        this.taskStarted = taskStarted;
        this.clock = clock;
    }

    /** Reports the stage {@code done} of {@code total} units through, heartbeating {@code checkpoint}. */
    void report(long done, long total, String message, @Nullable Object checkpoint) {
        double percent = stage.percentAt(total == 0 ? 1 : (double) done / total);
        double elapsed = Duration.between(taskStarted, clock.instant()).toMillis() / 1000.0;
        Double eta = percent > 0 ? Math.max(0, elapsed * (100 - percent) / percent) : null;
        List<String> before = Arrays.stream(DocumentStage.values()).filter(s -> s.ordinal() < stage.ordinal())
                .map(Enum::name).toList();
        reporter.report(new TaskProgress(percent, done, total, message, stage.name(), before, eta), checkpoint);
    }
}
