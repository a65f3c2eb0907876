package dev.tasklane.gateway.worker;

import dev.tasklane.activities.analytics.AnalyticsActivitiesImpl;
import dev.tasklane.activities.cleanup.CleanupActivitiesImpl;
import dev.tasklane.activities.lifecycle.TaskLifecycleActivitiesImpl;
import dev.tasklane.activities.document.DocumentDownloadActivitiesImpl;
import dev.tasklane.activities.document.DocumentPipelineActivitiesImpl;
import dev.tasklane.activities.email.EmailNotificationActivitiesImpl;
import dev.tasklane.activities.sync.SyncActivitiesImpl;
import dev.tasklane.activities.sync.banktransactions.BankTransactionsSyncActivitiesImpl;
import dev.tasklane.activities.sync.contractors.ContractorsSyncActivitiesImpl;
import dev.tasklane.activities.sync.external.ExternalSyncActivitiesImpl;
import dev.tasklane.activities.webhook.CallbackActivitiesImpl;
import dev.tasklane.activities.webhook.WebhookDeliveryActivitiesImpl;
import dev.tasklane.gateway.schedule.ScheduleActivitiesImpl;
import dev.tasklane.workflows.analytics.AnalyticsWorkflowImpl;
import dev.tasklane.workflows.batch.BatchWorkflowImpl;
import dev.tasklane.workflows.cleanup.CleanupWorkflowImpl;
import dev.tasklane.workflows.document.DocumentPipelineWorkflowImpl;
import dev.tasklane.workflows.email.EmailNotificationWorkflowImpl;
import dev.tasklane.workflows.schedule.ScheduledRunWorkflowImpl;
import dev.tasklane.workflows.sync.banktransactions.BankTransactionsSyncWorkflowImpl;
import dev.tasklane.workflows.sync.contractors.ContractorsSyncWorkflowImpl;
import dev.tasklane.workflows.sync.external.ExternalSyncWorkflowImpl;
import dev.tasklane.workflows.webhook.WebhookDeliveryWorkflowImpl;
import io.temporal.worker.Worker;
import jakarta.inject.Singleton;

/** Every workflow and activity implementation the worker runs, written out in one place. */
@Singleton
public class WorkerRegistration {

    private final TaskLifecycleActivitiesImpl lifecycle;
    private final WebhookDeliveryActivitiesImpl webhookDelivery;
    private final DocumentPipelineActivitiesImpl documentPipeline;
    private final DocumentDownloadActivitiesImpl documentDownload;
    private final SyncActivitiesImpl sync;
    private final BankTransactionsSyncActivitiesImpl bankTransactionsSync;
    private final ContractorsSyncActivitiesImpl contractorsSync;
    private final ExternalSyncActivitiesImpl externalSync;
    private final ScheduleActivitiesImpl schedule;
    private final CleanupActivitiesImpl cleanup;
    private final AnalyticsActivitiesImpl analytics;
    private final CallbackActivitiesImpl callbacks;
    private final EmailNotificationActivitiesImpl email;

    public WorkerRegistration(TaskLifecycleActivitiesImpl lifecycle, WebhookDeliveryActivitiesImpl webhookDelivery,
                              DocumentPipelineActivitiesImpl documentPipeline,
                              DocumentDownloadActivitiesImpl documentDownload, SyncActivitiesImpl sync,
                              BankTransactionsSyncActivitiesImpl bankTransactionsSync,
                              ContractorsSyncActivitiesImpl contractorsSync, ExternalSyncActivitiesImpl externalSync,
                              ScheduleActivitiesImpl schedule, CleanupActivitiesImpl cleanup,
                              AnalyticsActivitiesImpl analytics, CallbackActivitiesImpl callbacks,
                              EmailNotificationActivitiesImpl email) {
        this.lifecycle = lifecycle;
        this.webhookDelivery = webhookDelivery;
        this.documentPipeline = documentPipeline;
        this.documentDownload = documentDownload;
        this.sync = sync;
        this.bankTransactionsSync = bankTransactionsSync;
        this.contractorsSync = contractorsSync;
        this.externalSync = externalSync;
        this.schedule = schedule;
        this.cleanup = cleanup;
        this.analytics = analytics;
        this.callbacks = callbacks;
        this.email = email;
    }

    void registerOn(Worker worker) {
        worker.registerWorkflowImplementationTypes(WebhookDeliveryWorkflowImpl.class,
                DocumentPipelineWorkflowImpl.class, BatchWorkflowImpl.class, BankTransactionsSyncWorkflowImpl.class,
                ContractorsSyncWorkflowImpl.class, ExternalSyncWorkflowImpl.class, ScheduledRunWorkflowImpl.class,
                CleanupWorkflowImpl.class, AnalyticsWorkflowImpl.class, EmailNotificationWorkflowImpl.class);
        worker.registerActivitiesImplementations(lifecycle, webhookDelivery, documentPipeline, documentDownload, sync,
                bankTransactionsSync, contractorsSync, externalSync, schedule, cleanup, analytics, callbacks, email);
    }
}
