package dev.tasklane.activities.sync.banktransactions;

import dev.tasklane.activities.sync.MappedRecord;
import dev.tasklane.activities.sync.RecordFields;
import dev.tasklane.activities.sync.SyncTarget;
import dev.tasklane.activities.sync.UnmappableRecordException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code bank_transaction} table, keyed by the accounting system's document id. A source record has
 * {@code id}, {@code date}, {@code amount} (negative for money out), and optionally {@code currency} (default RUB),
 * {@code account}, {@code counterparty}, {@code counterpartyTaxId} and {@code purpose}.
 */
final class BankTransactionTarget implements SyncTarget {

    static final String DEFAULT_CURRENCY = "RUB";
    private static final List<String> COLUMNS = List.of("account", "booked_on", "amount", "currency", "counterparty",
            "counterparty_tax_id", "purpose", "category", "category_rule");

    private final LocalDate from;
    private final LocalDate to;
    private final @Nullable BankCategoryRules rules;

    /** Transactions from {@code from} to {@code to}, classified by {@code rules} unless that is null. */
    BankTransactionTarget(LocalDate from, LocalDate to, @Nullable BankCategoryRules rules) {
        this.from = from;
        this.to = to;
        this.rules = rules;
    }

    @Override
    public String table() {
        return "bank_transaction";
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public Map<String, String> sourceQuery() {
        return Map.of("dateFrom", from.toString(), "dateTo", to.toString());
    }

    @Override
    public MappedRecord map(JsonNode record) throws UnmappableRecordException {
        RecordFields fields = RecordFields.keyedBy(record, "id", 200);
        LocalDate date = fields.date("date");
        if (date.isBefore(from) || date.isAfter(to)) {
            throw new UnmappableRecordException(fields.key(), "'date' " + date + " is outside the requested "
                    + from + " to " + to);
        }
        BigDecimal amount = fields.amount("amount", 2);
        String currency = Optional.ofNullable(fields.text("currency", 40)).orElse(DEFAULT_CURRENCY)
                .toUpperCase(Locale.ROOT);
        if (!currency.matches("[A-Z]{3}")) {
            throw new UnmappableRecordException(fields.key(), "'currency' '" + currency + "' is not an ISO 4217 code");
        }
        String counterparty = fields.text("counterparty", 500);
        String purpose = fields.text("purpose", 2000);
        Optional<BankCategoryRules.Match> match = rules == null ? Optional.empty()
                : rules.classify(counterparty, purpose, amount);
        return new MappedRecord(fields.key(), Arrays.asList(fields.text("account", 64), date, amount, currency,
                counterparty, fields.text("counterpartyTaxId", 32), purpose,
                match.map(BankCategoryRules.Match::category).orElse(null),
                match.map(BankCategoryRules.Match::rule).orElse(null)));
    }
}
