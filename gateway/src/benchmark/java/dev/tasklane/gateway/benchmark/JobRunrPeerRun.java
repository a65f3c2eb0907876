package dev.tasklane.gateway.benchmark;

import dev.tasklane.activities.testing.WebhookReceiver;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The JobRunr peer (module benchmarks/jobrunr-peer) on the delivery benchmark's workload, run as a JVM of its own from
 * {@code classpath} against a fresh receiver on 127.0.0.1 in this process. The receiver is the truth, as in
 * Tasklane's phases: the run is timed from the peer's {@code jobrunr-peer enqueuing} line until the receiver has had
 * every delivery; the peer's own line (its count of 2xx answers, its CPU and memory) is kept beside it.
 */
record JobRunrPeerRun(int tasks, double seconds, String peerLine) {

    private static final String MAIN_CLASS = "dev.tasklane.benchmarks.jobrunr.JobRunrPeer";

    /**
     * Runs the peer and prints its figures, or says why it is left out and returns null: {@code classpath} is empty,
     * or names a directory or jar that is not there (the peer is built only with the benchmark profile).
     */
    static JobRunrPeerRun runIfBuilt(String classpath, int tasks, int concurrency) throws Exception {
        if (classpath.isBlank()) {
            System.out.println("jobrunr: left out (benchmark.peer.classpath is empty)");
            return null;
        }
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!entry.endsWith("*") && !Files.exists(Path.of(entry))) {
                System.out.println("jobrunr: left out, the peer is not built (" + entry + " is missing); the section"
                        + " JobRunr peer in docs/benchmarks.md has the command that builds and runs it");
                return null;
            }
        }
        JobRunrPeerRun run = run(classpath, tasks, concurrency);
        System.out.println("phase done: " + run);
        return run;
    }

    private static JobRunrPeerRun run(String classpath, int tasks, int concurrency) throws Exception {
        Path log = Files.createTempFile("jobrunr-peer", ".log");
        try (WebhookReceiver receiver = WebhookReceiver.start("127.0.0.1").countOnly()) {
            Process peer = new ProcessBuilder(List.of("java", "-Dpeer.tasks=" + tasks,
                    "-Dpeer.concurrency=" + concurrency, "-Dpeer.receiver=" + receiver.url(""), "-classpath", classpath,
                    MAIN_CLASS)).redirectError(log.toFile()).start();
            try (BufferedReader output = peer.inputReader()) {
                lineStartingWith(output, "jobrunr-peer enqueuing", log);
                long started = System.nanoTime();
                BenchmarkProcess.waitFor(() -> receiver.count() >= tasks || !peer.isAlive(),
                        "the JobRunr peer's deliveries");
                double seconds = (System.nanoTime() - started) / 1e9;
                if (receiver.count() < tasks) {
                    throw new IllegalStateException("the JobRunr peer stopped after " + receiver.count() + " of "
                            + tasks + " deliveries; its log: " + log);
                }
                String peerLine = lineStartingWith(output, "jobrunr-peer deliveries=", log);
                peer.waitFor(BenchmarkProcess.PHASE_LIMIT.toSeconds(), TimeUnit.SECONDS);
                return new JobRunrPeerRun(tasks, seconds, peerLine);
            } finally {
                peer.destroy();
            }
        }
    }

    private static String lineStartingWith(BufferedReader output, String prefix, Path log) throws IOException {
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new IllegalStateException("the JobRunr peer ended without a line starting '" + prefix + "'; its log: "
                + log);
    }

    double perSecond() {
        return tasks / seconds;
    }

    /** The summary line: both rates and Tasklane's as a multiple of JobRunr's. */
    String comparedWith(double tasklaneRestPerSecond) {
        return String.format(Locale.ROOT, "jobrunr %.1f/s, tasklane REST from a cold start %.1f/s, ratio %.2f (tasklane / jobrunr)",
                perSecond(), tasklaneRestPerSecond, tasklaneRestPerSecond / perSecond());
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%-6s %8.1f tasks/s  (%d tasks, %.2f s from the first enqueue to the last "
                        + "delivery at the receiver; the peer's own count: %s)", "jobrunr", perSecond(), tasks, seconds,
                peerLine);
    }
}
