package dev.tasklane.activities.sync.contractors;

import dev.tasklane.activities.sync.MappedRecord;
import dev.tasklane.activities.sync.RecordFields;
import dev.tasklane.activities.sync.SyncTarget;
import dev.tasklane.activities.sync.UnmappableRecordException;
import io.micronaut.json.tree.JsonNode;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code contractor} table, keyed by the accounting system's contractor id. A source record has {@code id} and
 * {@code name}, and optionally {@code taxId}, {@code kind} ({@code legal}, {@code individual} or
 * {@code entrepreneur}), {@code email}, {@code phone} and {@code address}.
 */
final class ContractorTarget implements SyncTarget {

    private static final List<String> COLUMNS = List.of("name", "tax_id", "kind", "email", "phone", "address");
    private static final Set<String> KINDS = Set.of("legal", "individual", "entrepreneur");

    @Override
    public String table() {
        return "contractor";
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public MappedRecord map(JsonNode record) throws UnmappableRecordException {
        RecordFields fields = RecordFields.keyedBy(record, "id", 200);
        String taxId = fields.text("taxId", 32);
        if (taxId != null && !taxId.matches("\\d{10}|\\d{12}")) {
            throw new UnmappableRecordException(fields.key(), "'taxId' '" + taxId + "' is not a 10 or 12 digit"
                    + " tax number");
        }
        String kind = fields.text("kind", 32);
        if (kind != null && !KINDS.contains(kind.toLowerCase(Locale.ROOT))) {
            throw new UnmappableRecordException(fields.key(), "'kind' '" + kind + "' is not one of " + KINDS);
        }
        return new MappedRecord(fields.key(), Arrays.asList(fields.requiredText("name", 500), taxId,
                kind == null ? null : kind.toLowerCase(Locale.ROOT), fields.text("email", 320),
                fields.text("phone", 64), fields.text("address", 1000)));
    }
}
