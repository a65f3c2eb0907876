package dev.tasklane.gateway.flow;

import dev.tasklane.store.flow.FlowSlots;
import dev.tasklane.workflows.lifecycle.TaskLimit;
import dev.tasklane.workflows.lifecycle.TaskPriority;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The room under limits as the store counts it, for every worker alike: who runs, who starts, who waits in what order. */
@MicronautTest(transactional = false)
class FlowSlotsTest {

    private static final int NORMAL = TaskPriority.NORMAL.temporalKey();
    private static final int HIGH = TaskPriority.HIGH.temporalKey();
    private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");

    @Inject
    FlowSlots slots;

    private final String key = "test:key=" + UUID.randomUUID();

    private TaskLimit concurrency(int most) {
        return new TaskLimit(key, most, null, null);
    }

    @Test
    void aThirdTaskUnderALimitOfTwoWaitsSayingWhyAndIsFirstInLineWhenOneEnds() {
        List<TaskLimit> limits = List.of(concurrency(2));
        assertTrue(slots.take("t1", limits, NORMAL, NOW).taken());
        assertTrue(slots.take("t2", limits, NORMAL, NOW).taken());

        FlowSlots.Outcome third = slots.take("t3", limits, NORMAL, NOW);

        assertFalse(third.taken());
        assertEquals(key + ": 2 of 2 running", third.waitingFor());
        assertNull(third.askAgainAt(), "a freed slot is signalled");
        assertEquals(List.of("t3"), slots.release("t1", limits, NOW.plusSeconds(1)));
        assertTrue(slots.take("t3", limits, NORMAL, NOW.plusSeconds(1)).taken());
        assertTrue(slots.take("t3", limits, NORMAL, NOW.plusSeconds(2)).taken(), "asking again takes nothing more");
        assertFalse(slots.take("t4", limits, NORMAL, NOW.plusSeconds(2)).taken());
    }

    @Test
    void waitingTasksTakeFreedRoomByPriorityThenAgeAndANewcomerDoesNotJumpTheLine() {
        List<TaskLimit> limits = List.of(concurrency(1));
        assertTrue(slots.take("holder", limits, NORMAL, NOW).taken());
        assertFalse(slots.take("normal", limits, NORMAL, NOW.plusSeconds(1)).taken());
        assertFalse(slots.take("high", limits, HIGH, NOW.plusSeconds(2)).taken());

        assertEquals(List.of("high"), slots.release("holder", limits, NOW.plusSeconds(3)));
        FlowSlots.Outcome normal = slots.take("normal", limits, NORMAL, NOW.plusSeconds(3));
        assertFalse(normal.taken(), "the HIGH task waits ahead of it");
        assertEquals(key + ": 0 of 1 running, 1 waiting ahead", normal.waitingFor());
        assertFalse(slots.take("newcomer", limits, NORMAL, NOW.plusSeconds(3)).taken(), "two wait ahead of it");
        assertTrue(slots.take("high", limits, HIGH, NOW.plusSeconds(4)).taken());

        assertEquals(List.of("normal"), slots.release("high", limits, NOW.plusSeconds(5)));
        assertTrue(slots.take("normal", limits, NORMAL, NOW.plusSeconds(5)).taken());
    }

    @Test
    void aRateOfThreeAMinuteRefusesTheFourthStartUntilTheFirstIsAMinuteOld() {
        List<TaskLimit> limits = List.of(new TaskLimit(key, null, 3, 60));
        for (int i = 0; i < 3; i++) {
            assertTrue(slots.take("r" + i, limits, NORMAL, NOW.plusSeconds(i)).taken());
            slots.release("r" + i, limits, NOW.plusSeconds(i));
        }

        FlowSlots.Outcome fourth = slots.take("r3", limits, NORMAL, NOW.plusSeconds(30));

        assertFalse(fourth.taken());
        assertEquals(key + ": 3 of 3 started in the last minute", fourth.waitingFor());
        assertEquals(NOW.plusSeconds(60), fourth.askAgainAt());
        assertFalse(slots.take("r3", limits, NORMAL, NOW.plusSeconds(59)).taken(), "the first start is not a minute old");
        assertTrue(slots.take("r3", limits, NORMAL, NOW.plusSeconds(60)).taken());
        assertFalse(slots.take("r4", limits, NORMAL, NOW.plusSeconds(60)).taken(), "three started after the first");
    }

    @Test
    void aTaskBehindAnotherWaitingForARatesRoomAsksAgainSoonOnceThePeriodHasPassed() {
        List<TaskLimit> limits = List.of(new TaskLimit(key, null, 1, 60));
        assertTrue(slots.take("first", limits, NORMAL, NOW).taken());
        assertFalse(slots.take("second", limits, NORMAL, NOW.plusSeconds(1)).taken());
        assertFalse(slots.take("third", limits, NORMAL, NOW.plusSeconds(2)).taken());

        FlowSlots.Outcome third = slots.take("third", limits, NORMAL, NOW.plusSeconds(61));

        assertFalse(third.taken(), "second is ahead of it");
        assertEquals(key + ": 0 of 1 started in the last minute, 1 waiting ahead", third.waitingFor());
        assertEquals(NOW.plusSeconds(62), third.askAgainAt());
        assertTrue(slots.take("second", limits, NORMAL, NOW.plusSeconds(61)).taken());
    }

    @Test
    void aTaskWithTwoLimitsTakesRoomUnderBothOrNeither() {
        TaskLimit other = new TaskLimit(key + ":other", 1, null, null);
        assertTrue(slots.take("holder", List.of(concurrency(1)), NORMAL, NOW).taken());

        assertFalse(slots.take("both", List.of(other, concurrency(1)), NORMAL, NOW).taken());

        assertTrue(slots.take("other-only", List.of(other), HIGH, NOW).taken(), "the refused task took no room");
    }

    @Test
    void aWaitingTaskThatStoppedAskingNoLongerKeepsOthersBack() {
        List<TaskLimit> limits = List.of(concurrency(1));
        assertTrue(slots.take("holder", limits, NORMAL, NOW).taken());
        assertFalse(slots.take("gone", limits, HIGH, NOW).taken());
        slots.release("holder", limits, NOW.plusSeconds(1));

        assertFalse(slots.take("later", limits, NORMAL, NOW.plusSeconds(60)).taken(), "gone asked a minute ago");
        assertTrue(slots.take("later", limits, NORMAL, NOW.plusSeconds(6 * 60)).taken());
    }

    @Test
    void workersAskingAtOnceTakeNoMoreThanTheLimit() throws Exception {
        List<TaskLimit> limits = List.of(concurrency(3));
        ExecutorService workers = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> asks = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String task = "c" + i;
                asks.add(() -> slots.take(task, limits, NORMAL, NOW).taken());
            }
            int taken = 0;
            for (Future<Boolean> outcome : workers.invokeAll(asks)) {
                taken += outcome.get() ? 1 : 0;
            }
            assertEquals(3, taken);
        } finally {
            workers.shutdownNow();
        }
    }
}
