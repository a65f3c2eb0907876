package dev.tasklane.gateway.queue;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * One task of {@code GET /api/queue/stuck}: a task an operator should look at, and why.
 *
 * @param id             the task
 * @param type           its type
 * @param reason         overrunning (running past its timeout or the expected run time) or queued-too-long
 * @param since          when it started running, or was submitted
 * @param forSeconds     how long it has been so
 * @param expectedSeconds the time it passed
 */
@Serdeable
public record StuckTask(String id, String type, String reason, Instant since, double forSeconds,
                        double expectedSeconds) {

    public static final String OVERRUNNING = "overrunning";
    public static final String QUEUED_TOO_LONG = "queued-too-long";
}
