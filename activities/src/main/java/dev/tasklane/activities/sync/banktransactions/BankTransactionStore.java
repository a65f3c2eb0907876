package dev.tasklane.activities.sync.banktransactions;

import dev.tasklane.store.Sql;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads a tenant's synced bank transactions, newest booking first, filtered. */
@Singleton
public class BankTransactionStore {

    /** What to read; every field may be null for no filter. */
    public record Filter(@Nullable LocalDate from, @Nullable LocalDate to, @Nullable String category,
                         @Nullable String counterparty, @Nullable BankCategoryRules.Direction direction) {
    }

    /** Where the previous page ended. */
    public record After(LocalDate date, String id) {
    }

    private final Sql sql;

    public BankTransactionStore(Sql sql) {
        this.sql = sql;
    }

    @Transactional(readOnly = true)
    public List<BankTransactionRow> page(String tenant, Filter filter, @Nullable After after, int limit) {
        StringBuilder query = new StringBuilder("SELECT * FROM bank_transaction WHERE tenant = ?");
        List<Object> args = new ArrayList<>(List.of(tenant));
        if (filter.from() != null) {
            query.append(" AND booked_on >= ?");
            args.add(filter.from());
        }
        if (filter.to() != null) {
            query.append(" AND booked_on <= ?");
            args.add(filter.to());
        }
        if (filter.category() != null) {
            query.append(" AND category = ?");
            args.add(filter.category());
        }
        if (filter.counterparty() != null) {
            query.append(" AND LOWER(counterparty) LIKE ?");
            args.add("%" + filter.counterparty().toLowerCase(Locale.ROOT) + "%");
        }
        if (filter.direction() != null) {
            query.append(filter.direction() == BankCategoryRules.Direction.INCOMING ? " AND amount >= 0" : " AND amount < 0");
        }
        if (after != null) {
            query.append(" AND (booked_on < ? OR (booked_on = ? AND external_id < ?))");
            args.addAll(List.of(after.date(), after.date(), after.id()));
        }
        query.append(" ORDER BY booked_on DESC, external_id DESC LIMIT ?");
        args.add(limit);
        return sql.list(query.toString(), row -> new BankTransactionRow(row.getString("external_id"),
                row.getString("account"), row.getObject("booked_on", LocalDate.class), row.getBigDecimal("amount"),
                row.getString("currency"), row.getString("counterparty"), row.getString("counterparty_tax_id"),
                row.getString("purpose"), row.getString("category"), row.getString("category_rule"),
                row.getString("synced_by"), Sql.instant(row, "synced_at")), args);
    }
}
