package dev.tasklane.activities.sync.banktransactions;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Map;

/**
 * Bank transaction sync settings ({@code tasklane.sync.bank-transactions.*}).
 *
 * @param categoryRules the auto-classification rules in order, each with {@code name}, {@code category} and any of
 *                      {@code counterparty} and {@code purpose} (regular expressions, any case) and
 *                      {@code direction} ({@code incoming} or {@code outgoing}); the first rule that matches wins
 */
@ConfigurationProperties("tasklane.sync.bank-transactions")
public record BankSyncProperties(@Nullable List<Map<String, String>> categoryRules) {

    public List<Map<String, String>> categoryRulesOrNone() {
        return categoryRules == null ? List.of() : categoryRules;
    }
}
