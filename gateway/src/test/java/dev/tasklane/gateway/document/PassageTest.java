package dev.tasklane.gateway.document;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PassageTest {

    private static final String CHUNK = "Bill to: Example Trading Ltd. The amount due is 1,250.00 EUR including VAT. "
            + "Payment terms are thirty days from the date of this invoice. Late payment incurs interest.";

    @Test
    void theSentenceWithMostOfTheQuerysWordsIsShownWithThemMarked() {
        Passage passage = Passage.of(CHUNK, QueryWords.of("what are the payment terms of the invoices?"));

        assertEquals("Payment terms are thirty days from the date of this invoice.", passage.text());
        assertEquals(List.of("Payment", "terms", "invoice"), passage.highlights().stream()
                .map(mark -> passage.text().substring(mark.start(), mark.end())).toList());
    }

    @Test
    void aMatchByMeaningAloneShowsTheFirstSentenceUnmarked() {
        Passage passage = Passage.of(CHUNK, QueryWords.of("money owed by a customer"));

        assertEquals("Bill to: Example Trading Ltd.", passage.text());
        assertEquals(List.of(), passage.highlights());
    }
}
