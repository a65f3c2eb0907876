package dev.tasklane.activities.document;

import dev.tasklane.workflows.document.QualityReport;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Scores a processed document from 0 to 1: half from text coverage (the share of characters that are letters,
 * digits, punctuation or spaces rather than garbage), a quarter each from the shares of chunks that are neither
 * empty nor garbage and that are not duplicates of another chunk.
 */
@Singleton
public class DocumentQuality {

    private static final int SHORTEST_USEFUL_CHUNK = 20;
    private static final double LEAST_LETTER_SHARE = 0.5;

    public QualityReport assess(String text, List<StoredChunk> chunks) {
        List<String> findings = new ArrayList<>();
        double coverage = readableShare(text);
        if (coverage < 0.9) {
            findings.add(String.format("only %.0f %% of the text is readable characters", coverage * 100));
        }
        int poor = 0;
        int duplicates = 0;
        Set<String> seen = new HashSet<>();
        for (StoredChunk chunk : chunks) {
            String body = chunk.text().strip();
            if (body.length() < SHORTEST_USEFUL_CHUNK || letterShare(body) < LEAST_LETTER_SHARE) {
                poor++;
            }
            if (!seen.add(body)) {
                duplicates++;
            }
        }
        int total = Math.max(1, chunks.size());
        if (poor > 0) {
            findings.add(poor + " of " + chunks.size() + " chunks are empty or garbage");
        }
        if (duplicates > 0) {
            findings.add(duplicates + " of " + chunks.size() + " chunks repeat another chunk");
        }
        double score = 0.5 * coverage + 0.25 * (1 - (double) poor / total) + 0.25 * (1 - (double) duplicates / total);
        return new QualityReport(Math.round(score * 1000) / 1000.0, findings);
    }

    private static double readableShare(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        long readable = text.codePoints().filter(c -> Character.isLetterOrDigit(c) || Character.isWhitespace(c)
                || isPunctuation(c)).count();
        return (double) readable / text.codePointCount(0, text.length());
    }

    private static double letterShare(String text) {
        long letters = text.codePoints().filter(Character::isLetter).count();
        return (double) letters / text.codePointCount(0, text.length());
    }

    private static boolean isPunctuation(int c) {
        int type = Character.getType(c);
        return type >= Character.DASH_PUNCTUATION && type <= Character.OTHER_PUNCTUATION
                || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
                || type == Character.MATH_SYMBOL || type == Character.CURRENCY_SYMBOL;
    }
}
