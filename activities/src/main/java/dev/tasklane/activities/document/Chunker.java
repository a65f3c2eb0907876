package dev.tasklane.activities.document;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts text into chunks of whole sentences up to a size, each starting with the last sentences of the one before
 * (up to the overlap). A sentence longer than a chunk is cut at a space. The same text and settings always give
 * the same chunks.
 */
public final class Chunker {

    /** One chunk: its place in the document, its text and the character range it covers. */
    public record Chunk(int seq, String text, long start, long end) {
    }

    private Chunker() {
    }

    public static List<Chunk> chunk(String text, int size, int overlap) {
        List<int[]> sentences = sentences(text, size);
        List<Chunk> chunks = new ArrayList<>();
        int first = 0;
        while (first < sentences.size()) {
            int last = first;
            while (last + 1 < sentences.size() && sentences.get(last + 1)[1] - sentences.get(first)[0] <= size) {
                last++;
            }
            int start = sentences.get(first)[0];
            int end = sentences.get(last)[1];
            String body = text.substring(start, end).strip();
            if (!body.isEmpty()) {
                chunks.add(new Chunk(chunks.size(), body, start, end));
            }
            if (last + 1 >= sentences.size()) {
                break;
            }
            int next = last + 1;
            while (next - 1 > first && end - sentences.get(next - 1)[0] <= overlap) {
                next--;
            }
            first = next;
        }
        return chunks;
    }

    /** Sentence ranges [start, end), with sentences longer than {@code size} cut at spaces. */
    public static List<int[]> sentences(String text, int size) {
        BreakIterator boundaries = BreakIterator.getSentenceInstance(Locale.ROOT);
        boundaries.setText(text);
        List<int[]> ranges = new ArrayList<>();
        int start = boundaries.first();
        for (int end = boundaries.next(); end != BreakIterator.DONE; start = end, end = boundaries.next()) {
            while (end - start > size) {
                int cut = text.lastIndexOf(' ', start + size);
                cut = cut <= start ? start + size : cut + 1;
                ranges.add(new int[] {start, cut});
                start = cut;
            }
            if (end > start) {
                ranges.add(new int[] {start, end});
            }
        }
        return ranges;
    }
}
