package dev.tasklane.gateway.document;

import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The words' share of a search score is a share: from 0 to 1, anything else stops the start naming the setting. */
class SearchPropertiesTest {

    @Test
    void aWordWeightOutsideZeroToOneIsRefused() {
        for (double weight : new double[] {-0.1, 1.5, Double.NaN}) {
            ConfigurationException refused = assertThrows(ConfigurationException.class,
                    () -> new SearchProperties(50_000, 2, weight));
            assertTrue(refused.getMessage().contains("tasklane.documents.search.word-weight"), refused.getMessage());
        }
        assertDoesNotThrow(() -> new SearchProperties(50_000, 2, 0));
        assertDoesNotThrow(() -> new SearchProperties(50_000, 2, 1));
    }
}
