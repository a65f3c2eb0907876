package dev.tasklane.gateway.document;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The words of a text that carry its content, each cut to a crude stem so "roots" and "root" count as one. */
public final class QueryWords {

    static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Set<String> FUNCTION_WORDS = Set.of("a", "an", "the", "of", "and", "or", "to", "in", "on",
            "for", "with", "by", "at", "from", "as", "is", "are", "was", "be", "it", "its", "this", "that", "my", "i",
            "me", "how", "what", "why", "when", "where", "do", "does", "did", "can", "should", "into", "their", "your",
            "you", "there", "up", "out", "off", "than", "then", "so", "not", "no", "we", "our", "they", "them");
    private static final List<String> SUFFIXES = List.of("ing", "ed", "es", "s", "er", "ly");

    private QueryWords() {
    }

    /** The stems of the content words of {@code text}, in order of first appearance. */
    public static Set<String> of(String text) {
        Set<String> stems = new LinkedHashSet<>();
        Matcher words = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (words.find()) {
            if (!FUNCTION_WORDS.contains(words.group())) {
                stems.add(stem(words.group()));
            }
        }
        return stems;
    }

    /**
     * {@code word} (lower case) without a common English ending, when at least four letters stay, and without a
     * final silent e, so "invoice" and "invoices" meet.
     */
    static String stem(String word) {
        String stem = word;
        for (String suffix : SUFFIXES) {
            if (word.endsWith(suffix) && word.length() - suffix.length() >= 4) {
                stem = word.substring(0, word.length() - suffix.length());
                break;
            }
        }
        return stem.length() > 4 && stem.endsWith("e") ? stem.substring(0, stem.length() - 1) : stem;
    }
}
