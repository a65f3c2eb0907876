package dev.tasklane.workflows.document;

/**
 * What the CLASSIFYING stage found.
 *
 * @param format       sniffed from the content: text, markdown, html, pdf, docx or xlsx
 * @param language     ISO 639-1 code, or {@code und} when the text does not tell
 * @param category     the category a keyword rule (or a hint) gave, or {@code uncategorised}
 * @param matchedRule  the rule's keywords that matched, for the record
 */
public record DocumentClassification(String format, String language, String category, String matchedRule) {
}
