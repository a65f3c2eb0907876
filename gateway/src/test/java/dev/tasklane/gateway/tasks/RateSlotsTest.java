package dev.tasklane.gateway.tasks;

import dev.tasklane.store.quota.SubmissionWindows;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A large quota takes a 64th of itself at a time and serves the next submissions from it without a statement, yet
 * lets through exactly as many as the quota allows; a small one is counted one by one.
 */
@MicronautTest(transactional = false)
class RateSlotsTest {

    /** Ten seconds into a minute, with no earlier minute counted. */
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:10Z");
    private static final Instant MINUTE = Instant.parse("2026-03-01T10:00:00Z");

    @Inject
    RateSlots slots;
    @Inject
    SubmissionWindows windows;

    @Test
    void aLargeQuotaCountsASixtyFourthAheadAndServesTheNextSubmissionsFromIt() {
        assertEquals(0, slots.take("spare", "ann", 640, 1, NOW));
        assertEquals(11, windows.count("spare", "ann", MINUTE), "1 taken and 10 spare");
        for (int i = 0; i < 10; i++) {
            assertEquals(0, slots.take("spare", "ann", 640, 1, NOW));
        }
        assertEquals(11, windows.count("spare", "ann", MINUTE), "the 10 spare ones went without a statement");
        assertEquals(0, slots.take("spare", "ann", 640, 1, NOW));
        assertEquals(22, windows.count("spare", "ann", MINUTE));
    }

    @Test
    void spareSlotsNeverLetMoreThroughThanTheQuota() {
        int taken = 0;
        while (slots.take("spare", "bob", 640, 7, NOW) == 0) {
            taken += 7;
        }
        assertEquals(637, taken, "as many sevens as fit in 640");
        assertTrue(windows.count("spare", "bob", MINUTE) <= 640);
        assertEquals(0, slots.take("spare", "bob", 640, 3, NOW), "the last 3 fit");
        assertTrue(slots.take("spare", "bob", 640, 1, NOW) > 0, "and then none");
    }

    @Test
    void slotsGivenBackServeTheNextSubmission() {
        assertEquals(0, slots.take("spare", "cy", 640, 1, NOW));
        slots.giveBack("spare", "cy", 1, NOW);
        for (int i = 0; i < 11; i++) {
            assertEquals(0, slots.take("spare", "cy", 640, 1, NOW));
        }
        assertEquals(11, windows.count("spare", "cy", MINUTE), "the slot given back was used again");
    }

    @Test
    void aSmallQuotaIsCountedOneByOne() {
        for (int i = 0; i < 5; i++) {
            assertEquals(0, slots.take("exact", "dee", 639, 1, NOW));
            assertEquals(i + 1, windows.count("exact", "dee", MINUTE));
        }
    }
}
