package dev.tasklane.gateway.document;

import dev.tasklane.activities.document.Chunker;
import io.micronaut.serde.annotation.Serdeable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * The passage of a found chunk to show a reader: the chunk's sentence with the most of the query's content words, or
 * its first sentence when none has any (a match by meaning alone).
 *
 * @param text       the sentence
 * @param highlights character ranges [start, end) of {@code text} holding the query's words, to mark
 */
@Serdeable
public record Passage(String text, List<Highlight> highlights) {

    /** A range [start, end) of the passage's text to mark. */
    @Serdeable
    public record Highlight(int start, int end) {
    }

    /** The passage of {@code chunk} for a query whose content words have the stems {@code wanted}. */
    public static Passage of(String chunk, Set<String> wanted) {
        Passage best = null;
        int bestCount = -1;
        for (int[] sentence : Chunker.sentences(chunk, Integer.MAX_VALUE)) {
            Passage candidate = marked(chunk.substring(sentence[0], sentence[1]).strip(), wanted);
            int count = (int) candidate.highlights.stream()
                    .map(mark -> QueryWords.stem(candidate.text.substring(mark.start, mark.end)
                            .toLowerCase(Locale.ROOT)))
                    .distinct().count();
            if (!candidate.text.isEmpty() && count > bestCount) {
                best = candidate;
                bestCount = count;
            }
        }
        return best == null ? new Passage(chunk.strip(), List.of()) : best;
    }

    private static Passage marked(String sentence, Set<String> wanted) {
        List<Highlight> highlights = new ArrayList<>();
        Matcher words = QueryWords.WORD.matcher(sentence);
        while (words.find()) {
            if (wanted.contains(QueryWords.stem(words.group().toLowerCase(Locale.ROOT)))) {
                highlights.add(new Highlight(words.start(), words.end()));
            }
        }
        return new Passage(sentence, highlights);
    }
}
