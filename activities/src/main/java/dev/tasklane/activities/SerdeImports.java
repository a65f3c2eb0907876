package dev.tasklane.activities;

import dev.tasklane.workflows.lifecycle.RetrySettings;
import dev.tasklane.workflows.lifecycle.TaskError;
import dev.tasklane.workflows.lifecycle.TaskProgress;
import dev.tasklane.workflows.lifecycle.TaskCallback;
import dev.tasklane.workflows.lifecycle.TaskSettings;
import dev.tasklane.workflows.batch.BatchItem;
import dev.tasklane.workflows.batch.BatchRequest;
import dev.tasklane.workflows.batch.BatchResult;
import dev.tasklane.workflows.document.CrossReference;
import dev.tasklane.workflows.document.DocumentExtraction;
import dev.tasklane.workflows.document.DocumentPipelineRequest;
import dev.tasklane.workflows.document.DocumentPipelineResult;
import dev.tasklane.workflows.sync.SyncResult;
import dev.tasklane.workflows.sync.SyncSource;
import dev.tasklane.workflows.sync.banktransactions.BankTransactionsSyncRequest;
import dev.tasklane.workflows.sync.contractors.ContractorsSyncRequest;
import dev.tasklane.workflows.sync.external.ExternalSyncRequest;
import dev.tasklane.workflows.sync.external.ExternalSyncResult;
import dev.tasklane.workflows.webhook.WebhookDeliveryRequest;
import dev.tasklane.workflows.webhook.WebhookDeliveryResult;
import dev.tasklane.workflows.analytics.AnalyticsRequest;
import dev.tasklane.workflows.analytics.AnalyticsResult;
import dev.tasklane.workflows.cleanup.CleanupRequest;
import dev.tasklane.workflows.email.EmailNotificationRequest;
import dev.tasklane.workflows.email.EmailNotificationResult;
import dev.tasklane.workflows.cleanup.CleanupResult;
import io.micronaut.serde.annotation.SerdeImport;

/** Lets Micronaut Serde read and write the workflow records, which know nothing of Micronaut. */
@SerdeImport(TaskProgress.class)
@SerdeImport(TaskError.class)
@SerdeImport(RetrySettings.class)
@SerdeImport(TaskSettings.class)
@SerdeImport(TaskCallback.class)
@SerdeImport(WebhookDeliveryRequest.class)
@SerdeImport(WebhookDeliveryResult.class)
@SerdeImport(DocumentPipelineRequest.class)
@SerdeImport(DocumentPipelineResult.class)
@SerdeImport(DocumentExtraction.SheetSummary.class)
@SerdeImport(CrossReference.class)
@SerdeImport(BatchRequest.class)
@SerdeImport(BatchItem.class)
@SerdeImport(BatchResult.class)
@SerdeImport(BatchResult.BatchError.class)
@SerdeImport(SyncSource.class)
@SerdeImport(SyncResult.class)
@SerdeImport(BankTransactionsSyncRequest.class)
@SerdeImport(ContractorsSyncRequest.class)
@SerdeImport(ExternalSyncRequest.class)
@SerdeImport(ExternalSyncResult.class)
@SerdeImport(CleanupRequest.class)
@SerdeImport(CleanupResult.class)
@SerdeImport(AnalyticsRequest.class)
@SerdeImport(AnalyticsResult.class)
@SerdeImport(EmailNotificationRequest.class)
@SerdeImport(EmailNotificationResult.class)
final class SerdeImports {

    private SerdeImports() {
    }
}
