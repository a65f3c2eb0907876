package dev.tasklane.gateway.document;

import dev.tasklane.activities.document.DocumentStore;
import dev.tasklane.activities.document.EmbeddingProvider;
import dev.tasklane.gateway.config.RunsWorker;
import dev.tasklane.gateway.tasks.TaskQueues;
import dev.tasklane.workflows.document.ReembeddingWorkflow;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the background re-embedding when a worker starts and finds vectors of another model than the configured one
 * in the store (the model was changed): one workflow, on the document pipeline's task queue, joined when it runs.
 */
@Singleton
@RunsWorker
public class Reembedding {

    private static final Logger LOG = LoggerFactory.getLogger(Reembedding.class);

    private final DocumentStore documents;
    private final EmbeddingProvider embeddings;
    private final WorkflowClient client;
    private final TaskQueues queues;

    public Reembedding(DocumentStore documents, EmbeddingProvider embeddings, WorkflowClient client,
                       TaskQueues queues) {
        this.documents = documents;
        this.embeddings = embeddings;
        this.client = client;
        this.queues = queues;
    }

    @EventListener
    void onStartup(StartupEvent started) {
        startIfNeeded();
    }

    /** Starts the re-embedding, or joins the one running, when a vector of another model is stored; whether it did. */
    public boolean startIfNeeded() {
        if (!documents.anyOfOtherModels(embeddings.model())) {
            return false;
        }
        ReembeddingWorkflow workflow = client.newWorkflowStub(ReembeddingWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(ReembeddingWorkflow.WORKFLOW_ID)
                .setTaskQueue(queues.of(DocumentPipelineTaskType.NAME))
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
        WorkflowClient.start(workflow::reembed, embeddings.model(), null, 0);
        LOG.info("stored vectors of another model than {} are being embedded again ({})", embeddings.model(),
                ReembeddingWorkflow.WORKFLOW_ID);
        return true;
    }
}
