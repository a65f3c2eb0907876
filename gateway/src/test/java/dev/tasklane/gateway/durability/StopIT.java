package dev.tasklane.gateway.durability;

import dev.tasklane.gateway.support.TasklaneProcess;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tasklane in role {@code all}, run from the jar and stopped with SIGTERM: the worker stops before its dev server does,
 * so the way down logs no warning or error, and no dev server is left.
 */
class StopIT {

    @Test
    void sigtermStopsTheWorkerBeforeItsDevServerAndLeavesNothingRunning() throws Exception {
        try (TasklaneProcess tasklane = TasklaneProcess.start("stop", Map.of())) {
            var server = tasklane.devServer().orElseThrow(() -> new AssertionError("no dev server runs"));

            int exit = tasklane.terminate();

            List<String> log = tasklane.log();
            int stopping = indexOf(log, "shutting down");
            assertTrue(stopping >= 0, "the stop is logged: " + log);
            List<String> alarming = log.subList(stopping, log.size()).stream()
                    .filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")).toList();
            assertEquals(List.of(), alarming);
            assertEquals(143, exit, "SIGTERM's exit code");
            assertFalse(server.isAlive(), "the dev server is left running");
        }
    }

    private static int indexOf(List<String> log, String text) {
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }
}
