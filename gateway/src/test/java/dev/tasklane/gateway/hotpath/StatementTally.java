package dev.tasklane.gateway.hotpath;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Store statements by their SQL text, each with how often it ran (a batch counts once) and how many rows its batches
 * carried: what ran in a window of time, or a task's share of it.
 */
record StatementTally(Map<String, Count> byText) {

    /** How often one statement ran, a batch counted once, and the rows its batches carried in all. */
    record Count(long executions, long batchRows) {

        boolean isZero() {
            return executions == 0 && batchRows == 0;
        }
    }

    StatementTally {
        byText = Map.copyOf(byText);
    }

    /** What ran after {@code earlier} was taken (or, of a window's tally, what ran beside {@code earlier}'s). */
    StatementTally minus(StatementTally earlier) {
        return map((text, count) -> {
            Count before = earlier.byText.getOrDefault(text, new Count(0, 0));
            return new Count(Math.max(0, count.executions() - before.executions()),
                    Math.max(0, count.batchRows() - before.batchRows()));
        });
    }

    /**
     * Each statement's whole runs per task, for {@code tasks} tasks that ran in the window: what every one of them
     * needed. What is left over ({@link #leftOverFrom}) ran fewer times than once per task.
     */
    StatementTally perTask(int tasks) {
        return map((text, count) -> new Count(count.executions() / tasks, count.batchRows() / tasks));
    }

    /** The runs that {@link #perTask} left over: statements some tasks shared (a cached read, a minute's first). */
    StatementTally leftOverFrom(int tasks) {
        return map((text, count) -> new Count(count.executions() % tasks, count.batchRows() % tasks));
    }

    /** Only the statements whose text is one of {@code texts}. */
    StatementTally only(Set<String> texts) {
        return map((text, count) -> texts.contains(text) ? count : new Count(0, 0));
    }

    /** How often statements of {@code kind} ran, a batch counted once. */
    long executions(StatementKind kind) {
        return byText.entrySet().stream().filter(e -> StatementKind.of(e.getKey()) == kind)
                .mapToLong(e -> e.getValue().executions()).sum();
    }

    /** How often statements of each kind ran, as {@code SELECT 8, INSERT 5, ...}. */
    String kinds() {
        return Arrays.stream(StatementKind.values()).map(kind -> kind + " " + executions(kind))
                .collect(Collectors.joining(", "));
    }

    /** The rows all batches carried. */
    long batchRows() {
        return byText.values().stream().mapToLong(Count::batchRows).sum();
    }

    /** One line per statement, by kind and most frequent first: count, rows in batches if any, and the SQL. */
    String lines() {
        if (byText.isEmpty()) {
            return "  (none)";
        }
        return byText.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, Count> e) -> StatementKind.of(e.getKey()))
                        .thenComparing(e -> -e.getValue().executions())
                        .thenComparing(Map.Entry::getKey))
                .map(e -> "  " + e.getValue().executions() + " x "
                        + (e.getValue().batchRows() > 0 ? "(" + e.getValue().batchRows() + " rows in batches) " : "")
                        + e.getKey())
                .collect(Collectors.joining("\n"));
    }

    private StatementTally map(BiFunction<String, Count, Count> operator) {
        Map<String, Count> result = new LinkedHashMap<>();
        byText.forEach((text, count) -> {
            Count mapped = operator.apply(text, count);
            if (!mapped.isZero()) {
                result.put(text, mapped);
            }
        });
        return new StatementTally(result);
    }
}
