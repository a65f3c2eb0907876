package dev.tasklane.gateway.benchmark;

import dev.tasklane.activities.testing.WebhookReceiver;
import dev.tasklane.gateway.support.SseReader;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures the REST path against Temporal alone: starts the built jar as its own process (role {@code all}, which
 * runs Temporal's dev server as its child), delivers N webhooks to a receiver on 127.0.0.1 submitted over REST from
 * a cold start, N started directly through {@link WorkflowClient} on the dev server with the options Tasklane starts
 * tasks with ({@link DirectStart}), N more over REST and N more directly (the baseline is the mean of both direct
 * phases), all at the same concurrency, then some at a steady rate under capacity, then more over REST until the run
 * has delivered {@code benchmark.total} in all; prints throughput, their ratio, submit latency, progress latency
 * (event written to SSE client) under both loads, the CPU each process used, startup time of both processes, and the
 * resident memory of both, sampled every {@code benchmark.rss.every} deliveries. Run it with {@code mvn -B -q
 * -Pbenchmark -pl gateway exec:exec@delivery-benchmark}; see docs/benchmarks.md.
 */
public final class DeliveryBenchmark {

    private static final Pattern AT = Pattern.compile("\"at\":\"([^\"]+)\"");
    private static final Pattern EVENT = Pattern.compile("\"event\":\"([^\"]+)\"");
    /** Every REST delivery is signed with it, as the JobRunr peer signs each of its own. */
    private static final String SIGNING_KEY = "benchmark-signing-key";

    private final int tasks = Integer.getInteger("benchmark.tasks", 5000);
    private final int concurrency = Integer.getInteger("benchmark.concurrency", 32);
    private final int total = Integer.getInteger("benchmark.total", 20_000);
    private final int rssEvery = Integer.getInteger("benchmark.rss.every", 2500);
    /** Direct starts with Tasklane's own start options ({@code tasklane}), or with ID, queue and priority only. */
    private final boolean bareDirectStarts = "bare".equals(System.getProperty("benchmark.direct-options", "tasklane"));
    private final AtomicReference<String> aColdTask = new AtomicReference<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int pacedTasks = Integer.getInteger("benchmark.paced.tasks", 1000);
    private final int pacedRate = Integer.getInteger("benchmark.paced.rate", 50);
    private final List<Long> saturatedLatencyMicros = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> pacedLatencyMicros = Collections.synchronizedList(new ArrayList<>());
    private volatile List<Long> progressLatencyMicros;
    private String token;
    private final AtomicInteger completedEvents = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        new DeliveryBenchmark().run();
        System.exit(0);
    }

    private void run() throws Exception {
        // The JobRunr peer runs first and alone, so that neither run takes CPU from the other, and its figure is out
        // even if Tasklane's longer run is cut short.
        JobRunrPeerRun jobrunr = JobRunrPeerRun.runIfBuilt(System.getProperty("benchmark.peer.classpath", ""), tasks,
                concurrency);
        List<String> jvmOptions = new ArrayList<>();
        for (String option : System.getProperty("benchmark.jvm-options", "").trim().split("\\s+")) {
            if (!option.isEmpty()) {
                jvmOptions.add(option);
            }
        }
        String profile = System.getProperty("benchmark.jfr");
        if (profile != null && !profile.isBlank()) {
            jvmOptions.add("-XX:StartFlightRecording=dumponexit=true,filename=" + profile + ",settings=profile");
        }
        // Quotas stay on by default (their checks are part of every submission), above what this one tenant sends;
        // its one user, the owner of every task, gets the same room.
        String perMinute = System.getProperty("benchmark.quota.per-minute", "1000000");
        String unfinished = System.getProperty("benchmark.quota.unfinished", "100000");
        Map<String, String> environment = Map.of("TASKLANE_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1",
                "TASKLANE_QUOTA_SUBMISSIONS_PER_MINUTE", perMinute, "TASKLANE_QUOTA_MAX_UNFINISHED_TASKS", unfinished,
                "TASKLANE_QUOTA_SUBMISSIONS_PER_MINUTE_PER_OWNER", perMinute,
                "TASKLANE_QUOTA_MAX_UNFINISHED_TASKS_PER_OWNER", unfinished);
        try (BenchmarkProcess tasklane = BenchmarkProcess.start(environment, jvmOptions);
             WebhookReceiver receiver = WebhookReceiver.start("127.0.0.1").countOnly()) {
            URI base = tasklane.base;
            token = tasklane.token;
            System.out.printf(Locale.ROOT, "Tasklane (role all) answered 200 on /health after %.0f ms; its dev server "
                            + "answered DescribeNamespace %.0f ms after Tasklane's launch (%.0f ms after its own)%n",
                    tasklane.startupMillis, tasklane.serverAnsweredMillis, tasklane.serverOwnStartupMillis);
            MemoryCurve memory = MemoryCurve.follow(tasklane, receiver::count, rssEvery);

            try (SseReader events = SseReader.open(base.resolve("/api/tasks/events"), token, null)) {
                Thread follower = new Thread(() -> follow(events), "benchmark-sse");
                follower.setDaemon(true);
                follower.start();

                // cold: the first deliveries after startup, the figure set beside JobRunr's, which starts cold too
                Cpu coldCpu = Cpu.of(tasklane);
                Phase cold = announce(measure("cold", receiver, i -> submitOne(base, receiver, "cold", i)));
                coldCpu = coldCpu.until(tasklane);

                WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
                        WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + tasklane.temporalPort)
                                .build());
                WorkflowClient client = WorkflowClient.newInstance(stubs,
                        WorkflowClientOptions.newBuilder().setNamespace("default").build());
                Cpu directCpu = Cpu.of(tasklane);
                DirectStart start = bareDirectStarts ? DirectStart.BARE
                        : DirectStart.asTasklaneStarted(client, aColdTask.get());
                System.out.println("direct starts: " + (bareDirectStarts ? "bare (ID, queue, priority)"
                        : "with the options Tasklane started " + aColdTask.get() + " with"));
                Phase direct = announce(measure("direct", receiver, i -> start.deliver(client, receiver, i)));
                directCpu = directCpu.until(tasklane);

                progressLatencyMicros = saturatedLatencyMicros;
                int completedBefore = completedEvents.get();
                Cpu restCpu = Cpu.of(tasklane);
                Phase rest = announce(measureRest(base, receiver, completedBefore));
                restCpu = restCpu.until(tasklane);
                progressLatencyMicros = null;

                // direct once more: the dev server's cost per workflow moves within a run, so REST is set beside the
                // mean of a direct phase before it and one after it
                Cpu againCpu = Cpu.of(tasklane);
                Phase again = announce(measure("again", receiver, i -> start.deliver(client, receiver, i)));
                againCpu = againCpu.until(tasklane);
                stubs.shutdown();
                progressLatencyMicros = pacedLatencyMicros;
                submitPaced(base, receiver);
                progressLatencyMicros = null;

                Phase fill = announce(fillUpTo(base, receiver));
                Scrape scrape = Scrape.of(http, base.resolve("/prometheus"));
                report(List.of(cold, direct, rest, again, fill), List.of(coldCpu, directCpu, restCpu, againCpu),
                        tasklane);
                memory.stop();
                memory.print();
                System.out.println(scrape);
                if (jobrunr != null) {
                    System.out.println(jobrunr.comparedWith(cold.perSecond()));
                }
                System.out.println(summary(cold, direct, rest, again, jobrunr, tasklane, memory.samples().get(0),
                        scrape));
            }
        }
    }

    /** CPU time both processes used over a phase, beside the phase's wall time. */
    private record Cpu(long startedNanos, Duration tasklane, Duration server, double wallSeconds) {

        static Cpu of(BenchmarkProcess process) {
            return new Cpu(System.nanoTime(), process.cpu(), process.serverCpu(), 0);
        }

        Cpu until(BenchmarkProcess process) {
            return new Cpu(startedNanos, process.cpu().minus(tasklane), process.serverCpu().minus(server),
                    (System.nanoTime() - startedNanos) / 1e9);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "CPU over %.1f s: Tasklane %.1f s, dev server %.1f s (%.2f of %d cores)",
                    wallSeconds, tasklane.toMillis() / 1000.0, server.toMillis() / 1000.0,
                    (tasklane.toMillis() + server.toMillis()) / 1000.0 / wallSeconds,
                    Runtime.getRuntime().availableProcessors());
        }
    }

    /** Throughput of one phase: N deliveries received, and what each submission took. */
    private record Phase(String name, int tasks, double seconds, List<Long> submitMicros, double completedSeconds) {

        double perSecond() {
            return tasks / seconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-6s %8.1f tasks/s  (%d tasks, %.2f s to the last delivery)  "
                            + "submit p50 %6.2f ms  p99 %7.2f ms", name, perSecond(), tasks, seconds,
                    Measure.percentile(submitMicros, 50) / 1000.0, Measure.percentile(submitMicros, 99) / 1000.0);
        }
    }

    /** Prints the phase as soon as it is over, so a run cut short still tells what it measured. */
    private static Phase announce(Phase phase) {
        System.out.println("phase done: " + phase);
        return phase;
    }

    private Phase measure(String name, WebhookReceiver receiver, IntConsumer submitOne) throws Exception {
        int before = receiver.count();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        submitAll(submitOne, latencies, tasks);
        BenchmarkProcess.waitFor(() -> receiver.count() - before >= tasks, name + " deliveries");
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Phase(name, tasks, seconds, latencies, seconds);
    }

    private Phase measureRest(URI base, WebhookReceiver receiver, int completedBefore) throws Exception {
        int before = receiver.count();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        submitAll(i -> submitOne(base, receiver, "rest", i), latencies, tasks);
        BenchmarkProcess.waitFor(() -> receiver.count() - before >= tasks, "rest deliveries");
        double seconds = (System.nanoTime() - started) / 1e9;
        BenchmarkProcess.waitFor(() -> completedEvents.get() - completedBefore >= tasks, "rest task_completed events");
        double completedSeconds = (System.nanoTime() - started) / 1e9;
        return new Phase("rest", tasks, seconds, latencies, completedSeconds);
    }

    private void submitAll(IntConsumer submitOne, List<Long> latencies, int count) throws Exception {
        Measure.inParallel(count, concurrency, submitOne, latencies);
    }

    private void submitOne(URI base, WebhookReceiver receiver, String label, int i) {
        String body = "{\"type\":\"webhook-delivery\",\"payload\":{\"url\":\"" + receiver.url("/" + label + "/" + i)
                + "\",\"secret\":\"" + SIGNING_KEY + "\",\"body\":{\"n\":" + i + "}}}";
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/tasks"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                throw new IllegalStateException("submission answered " + response.statusCode() + ": " + response.body());
            }
            if (aColdTask.get() == null) {
                BenchmarkProcess.taskIdOf(response.body()).ifPresent(id -> aColdTask.compareAndSet(null, id));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void follow(SseReader events) {
        try {
            for (SseReader.SseEvent event = events.next(BenchmarkProcess.PHASE_LIMIT); event != null; event = events.next(BenchmarkProcess.PHASE_LIMIT)) {
                long receivedMicros = Measure.nowMicros();
                Matcher at = AT.matcher(event.data());
                List<Long> latencies = progressLatencyMicros;
                if (latencies != null && at.find()) {
                    Instant written = Instant.parse(at.group(1));
                    latencies.add(receivedMicros - Measure.micros(written));
                }
                Matcher type = EVENT.matcher(event.data());
                if (type.find() && type.group(1).equals("task_completed")) {
                    completedEvents.incrementAndGet();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Submits over REST until the run has delivered {@code total} tasks, so the memory curve reaches that far. */
    private Phase fillUpTo(URI base, WebhookReceiver receiver) throws Exception {
        int count = Math.max(0, total - receiver.count());
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        int before = receiver.count();
        long started = System.nanoTime();
        submitAll(i -> submitOne(base, receiver, "fill", i), latencies, count);
        BenchmarkProcess.waitFor(() -> receiver.count() - before >= count, "fill deliveries");
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Phase("fill", count, seconds, latencies, seconds);
    }

    private void report(List<Phase> phases, List<Cpu> cpu, BenchmarkProcess tasklane) {
        System.out.printf(Locale.ROOT, "%d tasks per phase, %d concurrent submitters%n", tasks, concurrency);
        phases.stream().filter(phase -> phase.tasks() > 0).forEach(System.out::println);
        Phase rest = phases.get(2);
        System.out.printf(Locale.ROOT, "rest / direct throughput ratio: %.2f (direct: the mean of before and after)%n",
                rest.perSecond() / directMean(phases.get(1), phases.get(3)));
        System.out.printf(Locale.ROOT, "rest: last task_completed event after %.2f s%n", rest.completedSeconds());
        for (int i = 0; i < cpu.size(); i++) {
            System.out.printf(Locale.ROOT, "%-7s %s%n", phases.get(i).name() + ":", cpu.get(i));
        }
        printLatency("at a steady " + pacedRate + " tasks/s", pacedLatencyMicros);
        printLatency("while saturated (rest phase)", saturatedLatencyMicros);
        System.out.printf(Locale.ROOT, "startup to first 200 on /health: %.0f ms; dev server answering: %.0f ms after "
                        + "Tasklane's launch, %.0f ms after its own%n",
                tasklane.startupMillis, tasklane.serverAnsweredMillis, tasklane.serverOwnStartupMillis);
    }

    /** The run in one line, every figure the throughput work is judged by, for the table in docs/benchmarks.md. */
    private String summary(Phase cold, Phase direct, Phase rest, Phase again, JobRunrPeerRun jobrunr,
                           BenchmarkProcess tasklane, MemoryCurve.Sample atStart, Scrape scrape) {
        double directMean = directMean(direct, again);
        return String.format(Locale.ROOT, "summary: cold REST %.1f/s, JobRunr %s, cold REST / JobRunr %s; warm REST %.1f/s,"
                        + " direct %.1f/s (%.1f before REST, %.1f after), REST / direct %.2f; event -> SSE p99 %.1f ms"
                        + " at %d/s; first 200 %.0f ms,"
                        + " dev server answering %.0f ms; RSS after startup Tasklane %d MB, dev server %d MB;"
                        + " /prometheus %d KB in %.0f ms",
                cold.perSecond(), jobrunr == null ? "not run" : String.format(Locale.ROOT, "%.1f/s", jobrunr.perSecond()),
                jobrunr == null ? "-" : String.format(Locale.ROOT, "%.2f", cold.perSecond() / jobrunr.perSecond()),
                rest.perSecond(), directMean, direct.perSecond(), again.perSecond(), rest.perSecond() / directMean,
                Measure.percentile(pacedLatencyMicros, 99) / 1000.0, pacedRate, tasklane.startupMillis,
                tasklane.serverAnsweredMillis, atStart.tasklaneKb() / 1024, atStart.serverKb() / 1024,
                scrape.bytes() / 1024, scrape.medianMillis());
    }

    /** Direct deliveries per second over both direct phases: tasks in all over their time in all. */
    private static double directMean(Phase before, Phase after) {
        return (before.tasks() + after.tasks()) / (before.seconds() + after.seconds());
    }

    private static void printLatency(String when, List<Long> micros) {
        System.out.printf(Locale.ROOT, "progress latency (event written -> SSE client) %s, %d events: p50 %.2f ms  p99 %.2f ms%n",
                when, micros.size(), Measure.percentile(micros, 50) / 1000.0, Measure.percentile(micros, 99) / 1000.0);
    }

    /** Submits over REST at a fixed rate well under capacity, to see event latency in normal operation. */
    private void submitPaced(URI base, WebhookReceiver receiver) throws Exception {
        int before = receiver.count();
        java.util.concurrent.ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        ExecutorService senders = Executors.newFixedThreadPool(concurrency);
        AtomicInteger next = new AtomicInteger();
        clock.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i < pacedTasks) {
                senders.execute(() -> submitOne(base, receiver, "paced", i));
            }
        }, 0, 1_000_000 / pacedRate, TimeUnit.MICROSECONDS);
        BenchmarkProcess.waitFor(() -> receiver.count() - before >= pacedTasks, "paced deliveries");
        clock.shutdownNow();
        senders.shutdown();
    }
}
