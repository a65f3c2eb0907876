package dev.tasklane.gateway.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Reads a server-sent event stream over a real connection, event by event, as a browser would. */
public final class SseReader implements AutoCloseable {

    /** One event: its id, name and data line. */
    public record SseEvent(String id, String name, String data) {
    }

    private static final SseEvent END = new SseEvent(null, null, null);

    private final BlockingQueue<SseEvent> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<InputStream>> response;

    private SseReader(CompletableFuture<HttpResponse<InputStream>> response) {
        this.response = response;
        Thread reader = new Thread(this::readAll, "sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Connects and waits for the response to start: from then on the stream follows new events. */
    public static SseReader open(URI uri, String token, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        SseReader reader = new SseReader(HttpClient.newHttpClient().sendAsync(request.build(),
                HttpResponse.BodyHandlers.ofInputStream()));
        reader.response.orTimeout(10, TimeUnit.SECONDS).join();
        return reader;
    }

    public int status() {
        return response.join().statusCode();
    }

    /** The next event, or null if none came within {@code timeout}. */
    public SseEvent next(Duration timeout) throws InterruptedException {
        SseEvent event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return event == END ? null : event;
    }

    /** Every event until the server ends the stream. */
    public List<SseEvent> untilEnd(Duration timeout) throws InterruptedException {
        List<SseEvent> all = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            SseEvent event = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("stream did not end within " + timeout + "; got " + all);
            }
            if (event == END) {
                return all;
            }
            all.add(event);
        }
    }

    private void readAll() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.join().body(),
                StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.add(new SseEvent(id, name, data.toString()));
                    }
                    id = null;
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                }
            }
        } catch (IOException | RuntimeException closed) {
            // the test closed the stream, or the connection failed
        } finally {
            events.add(END);
        }
    }

    @Override
    public void close() throws IOException {
        response.cancel(true);
        if (response.isDone() && !response.isCompletedExceptionally()) {
            response.join().body().close();
        }
    }
}
