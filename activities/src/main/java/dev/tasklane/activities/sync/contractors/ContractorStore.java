package dev.tasklane.activities.sync.contractors;

import dev.tasklane.store.Sql;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads a tenant's synced contractors by name, filtered. */
@Singleton
public class ContractorStore {

    /** What to read; every field may be null for no filter. */
    public record Filter(@Nullable String name, @Nullable String taxId, @Nullable String kind) {
    }

    /** Where the previous page ended. */
    public record After(String name, String id) {
    }

    private final Sql sql;

    public ContractorStore(Sql sql) {
        this.sql = sql;
    }

    @Transactional(readOnly = true)
    public List<ContractorRow> page(String tenant, Filter filter, @Nullable After after, int limit) {
        StringBuilder query = new StringBuilder("SELECT * FROM contractor WHERE tenant = ?");
        List<Object> args = new ArrayList<>(List.of(tenant));
        if (filter.name() != null) {
            query.append(" AND LOWER(name) LIKE ?");
            args.add("%" + filter.name().toLowerCase(Locale.ROOT) + "%");
        }
        if (filter.taxId() != null) {
            query.append(" AND tax_id = ?");
            args.add(filter.taxId());
        }
        if (filter.kind() != null) {
            query.append(" AND kind = ?");
            args.add(filter.kind().toLowerCase(Locale.ROOT));
        }
        if (after != null) {
            query.append(" AND (name > ? OR (name = ? AND external_id > ?))");
            args.addAll(List.of(after.name(), after.name(), after.id()));
        }
        query.append(" ORDER BY name, external_id LIMIT ?");
        args.add(limit);
        return sql.list(query.toString(), row -> new ContractorRow(row.getString("external_id"),
                row.getString("name"), row.getString("tax_id"), row.getString("kind"), row.getString("email"),
                row.getString("phone"), row.getString("address"), row.getString("synced_by"),
                Sql.instant(row, "synced_at")), args);
    }
}
