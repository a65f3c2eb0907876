package dev.tasklane.gateway.tasks;

import dev.tasklane.gateway.support.CatalogRows;
import dev.tasklane.store.task.TaskRepository;
import dev.tasklane.workflows.lifecycle.TaskPriority;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Far below a cap the count comes from the last second's reading; from half the cap on, every check reads it. */
@MicronautTest(transactional = false)
class UnfinishedCountsTest {

    private static final List<TaskStatus> UNFINISHED = TaskStatus.unfinished();
    private static final int CAP = 12;

    @Inject
    UnfinishedCounts counts;
    @Inject
    TaskRepository tasks;
    @Inject
    JdbcOperations jdbc;
    @Inject
    TransactionOperations<Connection> transactions;

    private CatalogRows rows;

    @BeforeEach
    void rows() {
        rows = new CatalogRows(tasks, jdbc, transactions);
    }

    @Test
    void farBelowTheCapTasksStoredSinceTheLastReadingGoUnseenForUnderASecond() {
        long started = System.nanoTime();
        assertFalse(counts.wouldPass("far", null, UNFINISHED, CAP, 1), "reads 0");
        add("far", 11);

        boolean over = counts.wouldPass("far", null, UNFINISHED, CAP, 2);

        assumeTrue(System.nanoTime() - started < 1_000_000_000L, "the reading is still fresh");
        assertFalse(over, "1 passed and 2 more, from the reading, are far below the cap: the 11 went unseen");
    }

    @Test
    void fromHalfTheCapEveryCheckReadsTheStore() {
        add("near", 6);
        assertFalse(counts.wouldPass("near", null, UNFINISHED, CAP, 1), "reads 6");
        add("near", 5);

        assertTrue(counts.wouldPass("near", null, UNFINISHED, CAP, 2), "reads 11 again: 2 more would pass 12");
        assertFalse(counts.wouldPass("near", null, UNFINISHED, CAP, 1), "and 1 more fits exactly");
    }

    @Test
    void aStaleReadingNeverRefusesBecauseItIsReadAgainNearTheCap() {
        add("stale", 12);
        assertTrue(counts.wouldPass("stale", null, UNFINISHED, CAP, 1));
        tasks.findAll().forEach(task -> {
            if (task.tenant().equals("stale")) {
                tasks.deleteById(task.id());
            }
        });

        assertFalse(counts.wouldPass("stale", null, UNFINISHED, CAP, 1), "the tasks that ended are seen at once");
    }

    private void add(String tenant, int count) {
        for (int i = 0; i < count; i++) {
            rows.unfinished(tenant, TaskStatus.QUEUED, TaskPriority.NORMAL, Duration.ofMinutes(1), "{}");
        }
    }
}
