package dev.tasklane.gateway.benchmark;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tasklane in role {@code all} as its own process from the built jar (with the class-data archive), on free ports
 * and a fresh data directory, as the benchmarks measure it: started, healthy, its dev token read, and its child,
 * Temporal's dev server, timed until it answers and measurable through the pid file Tasklane keeps for it.
 */
final class BenchmarkProcess implements AutoCloseable {

    static final Duration PHASE_LIMIT = Duration.ofMinutes(10);
    private static final Pattern TASK_ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Where role all keeps its dev server's pid (TemporalDevServer.PID_FILE). */
    private static final String SERVER_PID_FILE = "temporal-server.pid";

    final Process process;
    final URI base;
    final Path dataDir;
    final int temporalPort;
    final String token;
    /** From launching the jar to the first 200 on /health. */
    final double startupMillis;
    /** From launching the jar to the dev server's first answer to DescribeNamespace. */
    final double serverAnsweredMillis;
    /** From the dev server's own process start to its first answer. */
    final double serverOwnStartupMillis;

    private BenchmarkProcess(Process process, URI base, Path dataDir, int temporalPort, String token,
                             double startupMillis, double serverAnsweredMillis, double serverOwnStartupMillis) {
        this.process = process;
        this.base = base;
        this.dataDir = dataDir;
        this.temporalPort = temporalPort;
        this.token = token;
        this.startupMillis = startupMillis;
        this.serverAnsweredMillis = serverAnsweredMillis;
        this.serverOwnStartupMillis = serverOwnStartupMillis;
    }

    /**
     * Starts the jar as the README does, with {@code environment} added and {@code jvmOptions} before {@code -jar}, and
     * waits for health. The class-data archive must match the jar ({@code -Xshare:on}): a stale one would silently
     * slow the start being measured.
     */
    static BenchmarkProcess start(Map<String, String> environment, List<String> jvmOptions) throws Exception {
        Path jar = Path.of(System.getProperty("benchmark.jar", "gateway/target/tasklane.jar"));
        Path archive = Path.of(System.getProperty("benchmark.archive", "gateway/target/tasklane.jsa"));
        int httpPort = freePort();
        int temporalPort = freePort();
        Path dataDir = Files.createTempDirectory("tasklane-benchmark");
        List<String> command = new ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1", "-Xshare:on",
                "-XX:SharedArchiveFile=" + archive));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("tasklane.log").toFile());
        builder.environment().put("TASKLANE_HTTP_PORT", Integer.toString(httpPort));
        builder.environment().put("TASKLANE_TEMPORAL_PORT", Integer.toString(temporalPort));
        builder.environment().put("TASKLANE_TEMPORAL_UI_PORT", Integer.toString(freePort()));
        builder.environment().put("TASKLANE_DATA_DIR", dataDir.toString());
        builder.environment().putAll(environment);
        URI base = URI.create("http://127.0.0.1:" + httpPort);
        WorkflowServiceStubs probe = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + temporalPort).build());
        ask(probe);
        CompletableFuture<Instant> serverAnswered = new CompletableFuture<>();
        Instant launched = Instant.now();
        Process process = builder.start();
        Thread watcher = new Thread(() -> serverAnswered.complete(awaitServer(probe, temporalPort)), "benchmark-probe");
        watcher.setDaemon(true);
        watcher.start();
        waitFor(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("Tasklane exited with code " + process.exitValue() + "; its log: "
                        + dataDir.resolve("tasklane.log"));
            }
            return healthy(base);
        }, "Tasklane to answer /health");
        double startupMillis = millisBetween(launched, Instant.now());
        Instant serverAnsweredAt = serverAnswered.get(PHASE_LIMIT.toSeconds(), TimeUnit.SECONDS);
        probe.shutdownNow();
        Instant serverLaunched = server(dataDir).flatMap(server -> server.info().startInstant())
                .orElseThrow(() -> new IllegalStateException("Tasklane runs no dev server; its log: "
                        + dataDir.resolve("tasklane.log")));
        Path devToken = dataDir.resolve("dev-token");
        waitFor(() -> Files.exists(devToken), "the dev token");
        return new BenchmarkProcess(process, base, dataDir, temporalPort, Files.readString(devToken).trim(),
                startupMillis, millisBetween(launched, serverAnsweredAt),
                millisBetween(serverLaunched, serverAnsweredAt));
    }

    private static double millisBetween(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }

    /** The dev server Tasklane runs now, from the pid file it keeps in its data directory. */
    Optional<ProcessHandle> server() {
        return server(dataDir);
    }

    private static Optional<ProcessHandle> server(Path dataDir) {
        try {
            Path pidFile = dataDir.resolve(SERVER_PID_FILE);
            return Files.exists(pidFile) ? ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
                    : Optional.empty();
        } catch (IOException | NumberFormatException unreadable) {
            return Optional.empty();
        }
    }

    /** Tasklane's resident memory now, in kB. */
    long rssKb() throws IOException {
        return status(process.pid(), "VmRSS:");
    }

    /** The dev server's resident memory now, in kB; -1 if it does not run. */
    long serverRssKb() throws IOException {
        Optional<ProcessHandle> server = server();
        return server.isPresent() ? status(server.get().pid(), "VmRSS:") : -1;
    }

    /** The most resident memory Tasklane has had since it started, in kB. */
    long peakRssKb() throws IOException {
        return status(process.pid(), "VmHWM:");
    }

    /** CPU time Tasklane has used so far. */
    Duration cpu() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** CPU time the dev server has used so far. */
    Duration serverCpu() {
        return server().flatMap(server -> server.info().totalCpuDuration()).orElse(Duration.ZERO);
    }

    private static long status(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    static void waitFor(BooleanSupplier done, String what) throws InterruptedException {
        waitFor(done, what, Duration.ofMillis(5));
    }

    /** Asks {@code done} every {@code interval} until it says so, for at most {@link #PHASE_LIMIT}. */
    static void waitFor(BooleanSupplier done, String what, Duration interval) throws InterruptedException {
        long deadline = System.nanoTime() + PHASE_LIMIT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting for " + what);
            }
            Thread.sleep(interval.toMillis());
        }
    }

    private static boolean healthy(URI base) {
        try {
            return HTTP.send(HttpRequest.newBuilder(base.resolve("/health")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits until the dev server on {@code port} opens it and then answers DescribeNamespace through {@code probe}, as
     * Tasklane waits for it; returns when it first answered. The probe's classes are loaded before Tasklane starts, and
     * its connection is not left to back off: a question goes out every 20 ms, each on a fresh attempt to connect.
     */
    private static Instant awaitServer(WorkflowServiceStubs probe, int port) {
        try {
            waitFor(() -> accepts(port), "the dev server's port", Duration.ofMillis(20));
            waitFor(() -> ask(probe), "the dev server to answer", Duration.ofMillis(20));
            return Instant.now();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether the server behind {@code probe} answers DescribeNamespace now. */
    private static boolean ask(WorkflowServiceStubs probe) {
        ((ManagedChannel) probe.getRawChannel()).resetConnectBackoff();
        try {
            probe.blockingStub().withDeadlineAfter(2, TimeUnit.SECONDS)
                    .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace("default").build());
            return true;
        } catch (StatusRuntimeException notYet) {
            return false;
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    /** The task ID a submission's answer names, or empty when it names none. */
    static Optional<String> taskIdOf(String submissionAnswer) {
        Matcher id = TASK_ID.matcher(submissionAnswer);
        return id.find() ? Optional.of(id.group(1)) : Optional.empty();
    }
}
