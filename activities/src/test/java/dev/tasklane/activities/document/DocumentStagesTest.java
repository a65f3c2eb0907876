package dev.tasklane.activities.document;

import dev.tasklane.activities.testing.TaskRows;
import dev.tasklane.store.task.TaskRepository;
import io.temporal.testing.TestActivityEnvironment;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Base of tests that run the document stages as activities of one catalogued task, each class on its own store. */
abstract class DocumentStagesTest {

    static final String TASK_ID = "test-workflow-id";

    @Inject
    DocumentPipelineActivitiesImpl stages;

    @Inject
    DocumentStore documents;

    @Inject
    TaskRepository tasks;

    final TestActivityEnvironment environment = TestActivityEnvironment.newInstance();

    @BeforeEach
    void catalogTheTask() {
        tasks.deleteById(TASK_ID);
        tasks.save(TaskRows.queued(TASK_ID, "document-pipeline"));
    }

    @AfterEach
    void close() {
        environment.close();
    }
}
