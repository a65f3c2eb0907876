package dev.tasklane.gateway.temporal;

import io.temporal.internal.testservice.TestServicesStarter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.util.LinkedList;

/**
 * Stops the embedded test server's debug log of time-skipping locks from growing without end.
 *
 * <p>The Java test server appends a lock and an unlock record to a {@code LinkedList} for every state
 * change of every workflow and never drops them ("debugging purposes only" in its source); each release of
 * a lock then searches that list from its head. A long-running embedded server therefore leaks memory and
 * gets slower with every task it has ever run. The records feed only its diagnostics, so Tasklane swaps the
 * list for one that keeps nothing; lock counting itself is untouched. Written against temporal-test-server
 * 1.39.0; if the field is not there, the server runs unchanged and a warning says so.
 */
final class TestServerLockHistory {

    private static final Logger LOG = LoggerFactory.getLogger(TestServerLockHistory.class);

    private TestServerLockHistory() {
    }

    static void discard(TestServicesStarter services) {
        try {
            Object timer = field(services.getClass(), "selfAdvancingTimer").get(services);
            Field history = field(timer.getClass(), "lockEvents");
            history.set(timer, new KeepNothing<>());
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("could not bound the embedded Temporal server's lock history ({}); long runs will slow down", e.toString());
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    /** A list that accepts records and forgets them, and finds every record it is asked to remove. */
    static final class KeepNothing<E> extends LinkedList<E> {

        @Override
        public boolean add(E record) {
            return true;
        }

        @Override
        public boolean remove(Object record) {
            return true;
        }
    }
}
