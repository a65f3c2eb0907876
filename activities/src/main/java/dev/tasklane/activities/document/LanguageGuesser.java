package dev.tasklane.activities.document;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Guesses a text's language from how many of each language's commonest words it uses. */
public final class LanguageGuesser {

    /** The code for a text no language's common words dominate. */
    public static final String UNDETERMINED = "und";

    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    private static final int SAMPLE_WORDS = 2000;
    private static final Map<String, Set<String>> COMMON_WORDS = Map.of(
            "en", Set.of("the", "and", "of", "to", "in", "is", "that", "it", "for", "with", "as", "was", "on", "are"),
            "de", Set.of("der", "die", "und", "das", "ist", "nicht", "ein", "eine", "zu", "den", "mit", "sich", "auf"),
            "fr", Set.of("le", "la", "les", "et", "des", "est", "un", "une", "du", "que", "dans", "pour", "pas", "sur"),
            "es", Set.of("el", "la", "los", "las", "y", "que", "de", "en", "es", "un", "una", "por", "con", "para"),
            "it", Set.of("il", "di", "che", "e", "la", "per", "un", "una", "non", "sono", "del", "della", "con"),
            "ru", Set.of("и", "в", "не", "на", "что", "с", "по", "это", "как", "к", "из", "для", "от", "он"));

    private LanguageGuesser() {
    }

    /** The ISO 639-1 code of the language whose common words make up most of the text, or {@code und}. */
    public static String guess(CharSequence text) {
        Map<String, Integer> hits = new HashMap<>();
        Matcher words = WORD.matcher(text);
        int seen = 0;
        while (words.find() && seen < SAMPLE_WORDS) {
            seen++;
            String word = words.group().toLowerCase(Locale.ROOT);
            COMMON_WORDS.forEach((language, common) -> {
                if (common.contains(word)) {
                    hits.merge(language, 1, Integer::sum);
                }
            });
        }
        int enough = Math.max(2, seen / 20);
        return hits.entrySet().stream()
                .filter(e -> e.getValue() >= enough)
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElse(UNDETERMINED);
    }
}
