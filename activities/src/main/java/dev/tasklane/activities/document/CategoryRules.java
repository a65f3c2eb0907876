package dev.tasklane.activities.document;

import jakarta.inject.Singleton;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Picks a document's category from the configured keyword rules ({@code tasklane.documents.categories}). */
@Singleton
public class CategoryRules {

    /** The category of a document no rule matched and no hint named. */
    public static final String UNCATEGORISED = "uncategorised";

    /** The chosen category and the keywords of its rule that occurred. */
    public record Match(String category, List<String> keywords) {
    }

    private final Map<String, List<String>> rules;

    public CategoryRules(DocumentProperties properties) {
        this.rules = properties.categoriesOrNone();
    }

    /**
     * The category whose keywords occur most often in {@code text}; among equals, or when none occurs, the first
     * of {@code hints} that is a rule's category (or any hint when no rule names it), else uncategorised.
     */
    public Match categorise(String text, List<String> hints) {
        String lower = text.toLowerCase(Locale.ROOT);
        String best = null;
        int bestCount = 0;
        List<String> bestKeywords = List.of();
        for (Map.Entry<String, List<String>> rule : rules.entrySet()) {
            int count = 0;
            List<String> found = new java.util.ArrayList<>();
            for (String keyword : rule.getValue()) {
                int occurrences = occurrences(lower, keyword.toLowerCase(Locale.ROOT));
                if (occurrences > 0) {
                    count += occurrences;
                    found.add(keyword);
                }
            }
            boolean hinted = hints.contains(rule.getKey());
            if (count > bestCount || count == bestCount && count > 0 && hinted && !hints.contains(best)) {
                best = rule.getKey();
                bestCount = count;
                bestKeywords = found;
            }
        }
        if (best != null) {
            return new Match(best, bestKeywords);
        }
        return new Match(hints.isEmpty() ? UNCATEGORISED : hints.get(0), List.of());
    }

    private static int occurrences(String text, String keyword) {
        if (keyword.isEmpty()) {
            return 0;
        }
        int count = 0;
        for (int at = text.indexOf(keyword); at >= 0; at = text.indexOf(keyword, at + keyword.length())) {
            count++;
        }
        return count;
    }
}
