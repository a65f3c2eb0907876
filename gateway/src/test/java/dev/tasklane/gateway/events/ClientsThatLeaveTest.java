package dev.tasklane.gateway.events;

import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Await;
import dev.tasklane.gateway.support.SseReader;
import dev.tasklane.gateway.support.Tokens;
import io.micronaut.context.annotation.Property;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Clients that open a replaying stream and go away at once, hundreds of times while tasks run, leave the store as it
 * was: it runs on a file with a tiny page cache here, so the replays read the file while they are cut off.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "tasklane.events.max-streams-per-caller", value = "" + ClientsThatLeaveTest.STREAMS_PER_CALLER)
class ClientsThatLeaveTest extends ApiWithReceiverTest implements TestPropertyProvider {

    private static final int LOGGED_EVENTS = 20_000;
    private static final int DROPS = 300;
    private static final int TASKS = 40;
    private static final int CLIENTS = 6;
    static final int STREAMS_PER_CALLER = 8;
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Inject
    JdbcOperations jdbc;
    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path dir = Files.createTempDirectory("tasklane-drops");
            return Map.of("datasources.default.url",
                    "jdbc:h2:file:" + dir.resolve("tasklane") + ";CACHE_SIZE=64;DB_CLOSE_ON_EXIT=FALSE");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void streamsDroppedMidReplayUnderLoadLeaveTheStoreReadableAndWritable() throws Exception {
        logEventsOfAnEarlierTask();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> drops = new ArrayList<>();
            for (int i = 0; i < DROPS; i++) {
                String token = dropper(i % CLIENTS);
                drops.add(clients.submit(i % 2 == 0 ? () -> dropAStream(token) : () -> dropASocket(token)));
            }
            List<String> submitted = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                Api.Response accepted = api.post("/api/tasks", """
                        {"type":"webhook-delivery","payload":{"url":"%s"}}""".formatted(receiver.url("/d" + i)));
                assertEquals(202, accepted.status(), accepted.text());
                submitted.add(accepted.field("id"));
            }
            for (Future<?> drop : drops) {
                drop.get(1, TimeUnit.MINUTES);
            }

            for (String id : submitted) {
                api.awaitStatus(id, "COMPLETED");
            }
            Api.Response after = api.post("/api/tasks", """
                    {"type":"webhook-delivery","payload":{"url":"%s"}}""".formatted(receiver.url("/after")));
            assertEquals(202, after.status(), after.text());
            api.awaitStatus(after.field("id"), "COMPLETED");
            assertEquals(200, api.get("/api/tasks?limit=100").status());
            assertEquals(200, api.get("/health").status());
            for (int i = 0; i < CLIENTS; i++) {
                String token = dropper(i);
                Await.until("every stream of a client that left to give its place back", WAIT,
                        () -> streamsOpenedAtOnce(token), opened -> opened == STREAMS_PER_CALLER);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private static String dropper(int client) {
        return Tokens.of("dropper-" + client, Tokens.TENANT, "ADMIN");
    }

    /** How many of as many streams as one caller may have open at once were admitted; all are closed again. */
    private int streamsOpenedAtOnce(String token) {
        List<SseReader> opened = new ArrayList<>();
        try {
            for (int i = 0; i < STREAMS_PER_CALLER; i++) {
                opened.add(SseReader.open(api.uri("/api/tasks/events"), token, null));
            }
            return (int) opened.stream().filter(stream -> stream.status() == 200).count();
        } finally {
            for (SseReader stream : opened) {
                try {
                    stream.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** Opens the all-tasks stream from the first event and closes the connection within 0-20 ms. */
    private void dropAStream(String token) {
        URI uri = api.uri("/api/tasks/events");
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/tasks/events HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nAccept: text/event-stream\r\nLast-Event-ID: 0\r\nAuthorization: Bearer " + token
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            pause();
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens the all-tasks socket from the first event and aborts it within 0-20 ms of its opening. */
    private void dropASocket(String token) {
        URI uri = URI.create(api.uri("/ws/tasks").toString().replaceFirst("^http", "ws") + "?lastEventId=0");
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .buildAsync(uri, new WebSocket.Listener() { })
                .orTimeout(20, TimeUnit.SECONDS).join();
        pause();
        socket.abort();
    }

    private static void pause() {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(21));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Fills the log with many events the caller sees, so a replay from the start reads far past the page cache. */
    private void logEventsOfAnEarlierTask() {
        String message = "x".repeat(400);
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1);
        transactions.executeWrite(status -> jdbc.prepareStatement("INSERT INTO task_event (tenant, owner, task_id,"
                + " task_type, event_type, at, status, message) VALUES (?, 'tester', 'webhook-delivery-earlier',"
                + " 'webhook-delivery', 'progress_update', ?, 'RUNNING', ?)", statement -> {
                    for (int i = 0; i < LOGGED_EVENTS; i++) {
                        statement.setString(1, Tokens.TENANT);
                        statement.setObject(2, at);
                        statement.setString(3, message);
                        statement.addBatch();
                    }
                    return statement.executeBatch();
                }));
    }
}
