package dev.tasklane.benchmarks.jobrunr;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.jobrunr.configuration.JobRunr;
import org.jobrunr.jobs.context.JobContext;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.server.JobActivator;
import org.jobrunr.storage.sql.h2.H2StorageProvider;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The JobRunr peer of the delivery benchmark: what a Java team would run instead of Tasklane for the same durable,
 * signed webhook deliveries. It starts JobRunr 8.7.0 from a cold start on a fresh H2 file database (through HikariCP,
 * as JobRunr's storage documentation configures it) with a background job server in this process, enqueues
 * {@code peer.tasks} {@link SignedDelivery} jobs (default 5000) from {@code peer.concurrency} threads (default 32),
 * each to its own path on {@code peer.receiver}, and times from the first enqueue until its jobs have had a 2xx answer
 * for every delivery (a receiver counts a request before it answers it). It prints
 * {@code jobrunr-peer enqueuing <N>} just before the first enqueue, so a caller can time the same span by its own
 * receiver's count, then one line:
 * {@code jobrunr-peer deliveries=5000 seconds=17.40 rate=287.4/s first-answer-seconds=... startup-ms=...
 * cpu-seconds=... rss-mb=... peak-rss-mb=...} (the first 2xx answer after the first enqueue, JVM start until JobRunr
 * was initialised, CPU over the timed span, resident memory at its end and at its peak). Without {@code peer.receiver}
 * it delivers to a {@link LoopbackReceiver} in its own process.
 * <p>
 * JobRunr keeps its defaults: worker count (8 per core on platform threads, so 16 on 2 cores), poll interval (15 s),
 * retry policy (10 retries with exponential backoff), Jackson as its JSON mapper, HikariCP's default pool of 10
 * connections. Tuning it would mean, and this peer does none of it: {@code useBackgroundJobServer(workerCount)} or
 * {@code BackgroundJobServerConfiguration.andWorkerCount(..)}, a shorter {@code andPollInterval(..)} (the server
 * fetches enqueued jobs on each poll and each time a worker finishes a job, so jobs enqueued just after a poll that
 * found none wait up to 15 s for the next, which {@code first-answer-seconds} shows), a connection pool sized to the
 * workers, and a database that is not an embedded H2 file.
 */
public final class JobRunrPeer {

    /** Any secret does: the receiver does not check it; the cost of signing is what counts. */
    private static final String SECRET = "jobrunr-peer-benchmark-secret";
    private static final Duration LIMIT = Duration.ofMinutes(10);

    private JobRunrPeer() {
    }

    public static void main(String[] args) throws Exception {
        int tasks = Integer.getInteger("peer.tasks", 5000);
        int concurrency = Integer.getInteger("peer.concurrency", 32);
        String receiver = System.getProperty("peer.receiver", "");
        boolean delivered;
        try (LoopbackReceiver own = receiver.isBlank() ? LoopbackReceiver.start() : null) {
            delivered = run(tasks, concurrency, own != null ? own.url() : receiver.replaceFirst("/+$", ""));
        }
        System.exit(delivered ? 0 : 1);
    }

    /** Runs the deliveries, prints the outcome and tells whether every delivery was answered 2xx in time. */

    private static boolean run(int tasks, int concurrency, String receiver) throws Exception {
        Path dataDir = Files.createTempDirectory("jobrunr-peer");
        AnsweredDeliveries answered = new AnsweredDeliveries(tasks);
        SignedDelivery delivery = new SignedDelivery(SECRET, answered);
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl("jdbc:h2:file:" + dataDir.resolve("jobrunr").toAbsolutePath());
        pool.setUsername("sa");
        try (HikariDataSource dataSource = new HikariDataSource(pool)) {
            JobScheduler scheduler = JobRunr.configure()
                    .useJobActivator(new JobActivator() {
                        @Override
                        public <T> T activateJob(Class<T> type) {
                            return type.cast(delivery);
                        }
                    })
                    .useStorageProvider(new H2StorageProvider(dataSource))
                    .useBackgroundJobServer()
                    .initialize()
                    .getJobScheduler();
            long startupMillis = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            try {
                System.out.println("jobrunr-peer enqueuing " + tasks);
                System.out.flush();
                Duration cpuBefore = cpu();
                long started = System.nanoTime();
                enqueueAll(scheduler, tasks, concurrency, receiver);
                boolean delivered = answered.awaitAll(LIMIT);
                double seconds = (System.nanoTime() - started) / 1e9;
                Duration cpuUsed = cpu().minus(cpuBefore);
                if (delivered) {
                    System.out.printf(Locale.ROOT, "jobrunr-peer deliveries=%d seconds=%.2f rate=%.1f/s "
                                    + "first-answer-seconds=%.2f startup-ms=%d cpu-seconds=%.1f rss-mb=%d "
                                    + "peak-rss-mb=%d%n", tasks, seconds, tasks / seconds,
                            (answered.firstAnsweredNanos() - started) / 1e9, startupMillis, cpuUsed.toMillis() / 1000.0,
                            memoryMegabytes("VmRSS"), memoryMegabytes("VmHWM"));
                } else {
                    System.out.printf(Locale.ROOT, "jobrunr-peer failed: %d of %d deliveries answered 2xx within %s%n",
                            tasks - answered.missing(), tasks, LIMIT);
                }
                System.out.flush();
                return delivered;
            } finally {
                JobRunr.destroy();
            }
        } finally {
            deleteRecursively(dataDir);
        }
    }

    /** Enqueues one delivery per task from {@code concurrency} threads, as the benchmark submits to Tasklane. */
    private static void enqueueAll(JobScheduler scheduler, int tasks, int concurrency, String receiver)
            throws Exception {
        ExecutorService submitters = Executors.newFixedThreadPool(concurrency);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> running = new ArrayList<>();
        for (int thread = 0; thread < concurrency; thread++) {
            running.add(submitters.submit(() -> {
                for (int i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) {
                    String url = receiver + "/jobrunr/" + i;
                    String body = "{\"n\":" + i + "}";
                    scheduler.<SignedDelivery>enqueue(job -> job.deliver(url, body, JobContext.Null));
                }
            }));
        }
        for (Future<?> submitter : running) {
            submitter.get();
        }
        submitters.shutdown();
    }

    private static Duration cpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** A {@code /proc/self/status} field in MB, or -1 where there is none. */
    private static long memoryMegabytes(String field) throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return -1;
        }
        try (Stream<String> lines = Files.lines(status)) {
            return lines.filter(line -> line.startsWith(field + ":"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024)
                    .findFirst().orElse(-1L);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
