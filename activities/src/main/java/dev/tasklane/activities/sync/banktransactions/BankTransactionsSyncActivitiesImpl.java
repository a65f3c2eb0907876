package dev.tasklane.activities.sync.banktransactions;

import dev.tasklane.activities.sync.SyncEngine;
import dev.tasklane.workflows.lifecycle.RetrySettings;
import dev.tasklane.workflows.sync.SyncResult;
import dev.tasklane.workflows.sync.banktransactions.BankTransactionsSyncActivities;
import dev.tasklane.workflows.sync.banktransactions.BankTransactionsSyncRequest;
import jakarta.inject.Singleton;

import java.time.LocalDate;

/** Pulls bank transactions for the requested dates through the sync engine, classifying them if asked. */
@Singleton
public class BankTransactionsSyncActivitiesImpl implements BankTransactionsSyncActivities {

    private final SyncEngine engine;
    private final BankCategoryRules rules;

    public BankTransactionsSyncActivitiesImpl(SyncEngine engine, BankCategoryRules rules) {
        this.engine = engine;
        this.rules = rules;
    }

    @Override
    public SyncResult syncBankTransactions(BankTransactionsSyncRequest request, RetrySettings retry) {
        BankTransactionTarget target = new BankTransactionTarget(LocalDate.parse(request.dateFrom()),
                LocalDate.parse(request.dateTo()), request.autoClassifyOrDefault() ? rules : null);
        return engine.run(request.source(), target, request.batchSizeOrDefault(), retry);
    }
}
