package dev.tasklane.workflows.document;

import java.util.List;

/**
 * The QUALITY_CHECK stage's verdict.
 *
 * @param score    0–1: text coverage, less empty or garbage chunks, less duplicates
 * @param findings one line per problem found
 */
public record QualityReport(double score, List<String> findings) {
}
