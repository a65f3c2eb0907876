package dev.tasklane.gateway.benchmark;

import dev.tasklane.activities.testing.WebhookReceiver;
import dev.tasklane.gateway.scaleout.PostgresUnderTest;
import dev.tasklane.gateway.scaleout.ScaleOutCluster;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.SseReader;
import io.micronaut.json.JsonMapper;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tasklane as separate processes on PostgreSQL (Temporal's dev server, one gateway, two workers):
 * how long an event a worker process writes takes to reach an SSE client of the gateway process, at a steady rate
 * and at saturation, and the delivery throughput of that arrangement. Needs {@code TASKLANE_TEST_POSTGRES_URL}.
 */
public final class ScaleOutBenchmark {

    private static final Pattern AT = Pattern.compile("\"at\":\"([^\"]+)\"");
    private static final Pattern COMPLETED = Pattern.compile("\"event\":\"task_completed\"");
    private static final int STEADY_RATE = Integer.getInteger("benchmark.scale-out.rate", 50);
    private static final int STEADY_SECONDS = Integer.getInteger("benchmark.scale-out.seconds", 30);
    private static final int SATURATED_TASKS = Integer.getInteger("benchmark.scale-out.tasks", 3000);
    private static final int CONCURRENCY = 32;

    private final List<Long> latencyMicros = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger completed = new AtomicInteger();
    private Api api;

    public static void main(String[] args) throws Exception {
        PostgresUnderTest postgres = PostgresUnderTest.configured().orElse(null);
        if (postgres == null) {
            System.out.println("scale-out benchmark SKIPPED: " + PostgresUnderTest.HOW_TO_RUN);
            return;
        }
        new ScaleOutBenchmark().run(postgres);
        System.exit(0);
    }

    private void run(PostgresUnderTest postgres) throws Exception {
        try (ScaleOutCluster cluster = ScaleOutCluster.create("benchmark", postgres);
             WebhookReceiver receiver = WebhookReceiver.start("127.0.0.1").countOnly()) {
            cluster.startTemporal();
            URI gateway = cluster.startGateway("gateway-1");
            cluster.startWorker("worker-1", Map.of());
            cluster.startWorker("worker-2", Map.of());
            api = Api.at(gateway, JsonMapper.createDefault());
            try (SseReader events = api.stream("/api/tasks/events", null)) {
                Thread follower = new Thread(() -> follow(events), "events");
                follower.setDaemon(true);
                follower.start();

                submitPaced(receiver, STEADY_RATE * STEADY_SECONDS);
                report("steady " + STEADY_RATE + "/s for " + STEADY_SECONDS + " s");

                latencyMicros.clear();
                long started = System.nanoTime();
                int before = completed.get();
                submitSaturated(receiver, SATURATED_TASKS);
                awaitCompleted(before + SATURATED_TASKS);
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("saturated: %d deliveries in %.1f s = %.1f tasks/s through 1 gateway and 2 workers%n",
                        SATURATED_TASKS, seconds, SATURATED_TASKS / seconds);
                report("saturated");
            }
        }
    }

    private void submitPaced(WebhookReceiver receiver, int count) throws InterruptedException {
        int before = completed.get();
        long interval = 1_000_000_000L / STEADY_RATE;
        long next = System.nanoTime();
        for (int i = 0; i < count; i++) {
            submit(receiver, "steady", i);
            next += interval;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
        awaitCompleted(before + count);
    }

    private void submitSaturated(WebhookReceiver receiver, int count) throws InterruptedException {
        ExecutorService senders = Executors.newFixedThreadPool(CONCURRENCY);
        Semaphore done = new Semaphore(0);
        for (int i = 0; i < count; i++) {
            int n = i;
            senders.execute(() -> {
                submit(receiver, "saturated", n);
                done.release();
            });
        }
        done.acquire(count);
        senders.shutdown();
    }

    private void submit(WebhookReceiver receiver, String label, int n) {
        Api.Response response = api.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s","body":{"n":%d}}}"""
                .formatted(receiver.url("/" + label + "/" + n), n));
        if (response.status() != 202) {
            throw new IllegalStateException("submission refused: " + response.text());
        }
    }

    private void follow(SseReader events) {
        try {
            for (SseReader.SseEvent event = events.next(Duration.ofMinutes(10)); event != null;
                 event = events.next(Duration.ofMinutes(10))) {
                long received = Measure.nowMicros();
                Matcher at = AT.matcher(event.data());
                if (at.find()) {
                    latencyMicros.add(received - Measure.micros(Instant.parse(at.group(1))));
                }
                if (COMPLETED.matcher(event.data()).find()) {
                    completed.incrementAndGet();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitCompleted(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (completed.get() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + completed.get() + " of " + count + " completions arrived");
            }
            Thread.sleep(20);
        }
    }

    private void report(String phase) {
        System.out.printf("%s: worker-written event -> gateway SSE client, %d events: p50 %.1f ms, p99 %.1f ms,"
                        + " max %.1f ms%n", phase, latencyMicros.size(), Measure.percentile(latencyMicros, 50) / 1000.0,
                Measure.percentile(latencyMicros, 99) / 1000.0, Measure.percentile(latencyMicros, 100) / 1000.0);
    }
}
