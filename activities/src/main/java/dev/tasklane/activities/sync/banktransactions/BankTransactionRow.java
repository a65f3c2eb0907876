package dev.tasklane.activities.sync.banktransactions;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A synced bank transaction as clients read it.
 *
 * @param id           the accounting system's document id
 * @param category     the category auto-classification gave, if any
 * @param categoryRule the rule that gave it
 * @param syncedBy     the sync task that last wrote it
 */
@Serdeable
public record BankTransactionRow(String id, @Nullable String account, LocalDate date, BigDecimal amount,
                                 String currency, @Nullable String counterparty, @Nullable String counterpartyTaxId,
                                 @Nullable String purpose, @Nullable String category, @Nullable String categoryRule,
                                 String syncedBy, Instant syncedAt) {
}
