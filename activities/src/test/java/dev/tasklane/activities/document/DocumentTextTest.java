package dev.tasklane.activities.document;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Format sniffing, language guessing and chunking: the pure parts of the document pipeline. */
class DocumentTextTest {

    @Test
    void theFormatComesFromTheContentNotTheName() {
        assertEquals(Optional.of("pdf"), sniff("%PDF-1.7\n%\u00e2\u00e3"));
        assertEquals(Optional.of("zip"), FormatSniffer.sniff(new byte[] {'P', 'K', 3, 4, 20, 0}));
        assertEquals(Optional.of("html"), sniff("<!DOCTYPE html><html><body><p>Hi</p></body></html>"));
        assertEquals(Optional.of("markdown"), sniff("# Title\n\nSome *text* and a [link](http://127.0.0.1/)."));
        assertEquals(Optional.of("text"), sniff("Plain words, nothing more."));
        assertEquals(Optional.of("text"), sniff("Простой текст на русском языке."));
        assertEquals(Optional.empty(), FormatSniffer.sniff(new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 1}));
    }

    @Test
    void theLanguageIsTheOneWhoseCommonWordsTheTextUses() {
        assertEquals("en", LanguageGuesser.guess("The invoice is due and the amount is paid in full with thanks."));
        assertEquals("de", LanguageGuesser.guess("Die Rechnung ist fällig und der Betrag ist nicht bezahlt."));
        assertEquals("ru", LanguageGuesser.guess("Это счёт, и он не оплачен. Что с ним делать и как быть?"));
        assertEquals("und", LanguageGuesser.guess("12345 67890 ###"));
    }

    @Test
    void chunksAreWholeSentencesUpToTheSizeAndRepeatTheLastOnesUpToTheOverlap() {
        String text = "One two three four five. Six seven eight nine ten. Eleven twelve thirteen fourteen. "
                + "Fifteen sixteen seventeen eighteen. Nineteen twenty twenty-one twenty-two.";
        List<Chunker.Chunk> chunks = Chunker.chunk(text, 60, 35);

        assertTrue(chunks.size() >= 3, chunks.toString());
        for (Chunker.Chunk chunk : chunks) {
            assertTrue(chunk.text().length() <= 60, chunk.text());
            assertTrue(chunk.text().endsWith("."), "a chunk ends at a sentence end: " + chunk.text());
        }
        assertTrue(chunks.get(1).text().startsWith("Six seven"), "the second chunk repeats the first's last sentence: "
                + chunks.get(1).text());
        assertEquals(chunks, Chunker.chunk(text, 60, 35), "the same text gives the same chunks");
    }

    @Test
    void aSentenceLongerThanAChunkIsCutAtSpaces() {
        String sentence = "word ".repeat(100).strip() + ".";
        List<Chunker.Chunk> chunks = Chunker.chunk(sentence, 50, 0);

        assertTrue(chunks.size() >= 10, chunks.toString());
        chunks.forEach(chunk -> assertTrue(chunk.text().length() <= 50 && !chunk.text().contains("wo rd"), chunk.text()));
    }

    private static Optional<String> sniff(String text) {
        return FormatSniffer.sniff(text.getBytes(StandardCharsets.UTF_8));
    }
}
