package dev.tasklane.workflows.document;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * What the EXTRACTING stage stored as the document's plain text.
 *
 * @param characters characters of text extracted
 * @param pages      pages, for paged formats
 * @param sheets     the sheets of a spreadsheet, with what each holds
 */
public record DocumentExtraction(long characters, Integer pages, List<SheetSummary> sheets) {

    /** One spreadsheet sheet: its name, rows with values, formulas, charts and tables. */
    @Serdeable
    public record SheetSummary(String name, int rows, int formulas, int charts, int tables) {
    }
}
