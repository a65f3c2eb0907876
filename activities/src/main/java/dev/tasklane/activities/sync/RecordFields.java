package dev.tasklane.activities.sync;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Reads one source record's fields for a mapping, failing the record with a reason that names the field. */
public final class RecordFields {

    private final JsonNode record;
    private final String key;

    private RecordFields(JsonNode record, String key) {
        this.record = record;
        this.key = key;
    }

    /** The record's fields, keyed by its {@code keyField}, which must be a non-blank string or a number. */
    public static RecordFields keyedBy(JsonNode record, String keyField, int longestKey)
            throws UnmappableRecordException {
        JsonNode node = record.get(keyField);
        String key = node == null || node.isNull() ? null
                : node.isString() ? node.getStringValue().trim()
                : node.isNumber() ? node.getNumberValue().toString() : null;
        if (key == null || key.isEmpty()) {
            throw new UnmappableRecordException(null, "has no '" + keyField + "' to key it by");
        }
        if (key.length() > longestKey) {
            throw new UnmappableRecordException(key.substring(0, 40) + "…", "'" + keyField + "' is longer than "
                    + longestKey + " characters");
        }
        return new RecordFields(record, key);
    }

    public String key() {
        return key;
    }

    /** A text field, trimmed; null when absent or empty; fails when longer than {@code longest}. */
    @Nullable
    public String text(String field, int longest) throws UnmappableRecordException {
        JsonNode node = record.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString() && !node.isNumber()) {
            throw fault(field, "is not text");
        }
        String text = (node.isString() ? node.getStringValue() : node.getNumberValue().toString()).trim();
        if (text.length() > longest) {
            throw fault(field, "is longer than " + longest + " characters");
        }
        return text.isEmpty() ? null : text;
    }

    /** A text field that must be there. */
    public String requiredText(String field, int longest) throws UnmappableRecordException {
        String text = text(field, longest);
        if (text == null) {
            throw fault(field, "is missing");
        }
        return text;
    }

    /** An ISO date ({@code 2026-01-31}, or a date-time whose date part is taken). */
    public LocalDate date(String field) throws UnmappableRecordException {
        String text = requiredText(field, 40);
        try {
            return LocalDate.parse(text.length() > 10 && text.charAt(10) == 'T' ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            throw fault(field, "'" + text + "' is not an ISO date");
        }
    }

    /** A decimal amount: a JSON number or a string such as {@code -1234.50} or {@code 1 234,50}. */
    public BigDecimal amount(String field, int scale) throws UnmappableRecordException {
        JsonNode node = record.get(field);
        if (node == null || node.isNull()) {
            throw fault(field, "is missing");
        }
        String text = node.isNumber() ? node.getNumberValue().toString()
                : node.isString() ? node.getStringValue().replace(" ", "").replace("\u00a0", "").replace(',', '.')
                : null;
        try {
            BigDecimal amount = new BigDecimal(text == null ? "" : text);
            if (amount.scale() > scale && amount.stripTrailingZeros().scale() > scale) {
                throw fault(field, "'" + text + "' has more than " + scale + " decimals");
            }
            return amount.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (NumberFormatException | ArithmeticException e) {
            throw fault(field, "'" + text + "' is not an amount");
        }
    }

    private UnmappableRecordException fault(String field, String problem) {
        return new UnmappableRecordException(key, "'" + field + "' " + problem);
    }
}
