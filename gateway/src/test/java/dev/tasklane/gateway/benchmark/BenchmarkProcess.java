package dev.tasklane.gateway.benchmark;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Tasklane in role {@code all} as its own process from the built jar (with the class-data archive), on free ports
 * and a fresh data directory, as the benchmarks measure it: started, healthy, its dev token read.
 */
final class BenchmarkProcess implements AutoCloseable {

    static final Duration PHASE_LIMIT = Duration.ofMinutes(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final Process process;
    final URI base;
    final Path dataDir;
    final int temporalPort;
    final String token;
    final double startupMillis;

    private BenchmarkProcess(Process process, URI base, Path dataDir, int temporalPort, String token,
                             double startupMillis) {
        this.process = process;
        this.base = base;
        this.dataDir = dataDir;
        this.temporalPort = temporalPort;
        this.token = token;
        this.startupMillis = startupMillis;
    }

    /** Starts the jar with {@code environment} added and {@code jvmOptions} before {@code -jar}; waits for health. */
    static BenchmarkProcess start(Map<String, String> environment, List<String> jvmOptions) throws Exception {
        Path jar = Path.of(System.getProperty("benchmark.jar", "gateway/target/tasklane.jar"));
        Path archive = Path.of(System.getProperty("benchmark.archive", "gateway/target/tasklane.jsa"));
        int httpPort = freePort();
        int temporalPort = freePort();
        Path dataDir = Files.createTempDirectory("tasklane-benchmark");
        List<String> command = new ArrayList<>(List.of("java", "-XX:SharedArchiveFile=" + archive));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("tasklane.log").toFile());
        builder.environment().put("TASKLANE_HTTP_PORT", Integer.toString(httpPort));
        builder.environment().put("TASKLANE_EMBEDDED_TEMPORAL_PORT", Integer.toString(temporalPort));
        builder.environment().put("TASKLANE_DATA_DIR", dataDir.toString());
        builder.environment().putAll(environment);
        URI base = URI.create("http://127.0.0.1:" + httpPort);
        long launched = System.nanoTime();
        Process process = builder.start();
        waitFor(() -> healthy(base), "Tasklane to answer /health");
        double startupMillis = (System.nanoTime() - launched) / 1e6;
        Path devToken = dataDir.resolve("dev-token");
        waitFor(() -> Files.exists(devToken), "the dev token");
        return new BenchmarkProcess(process, base, dataDir, temporalPort, Files.readString(devToken).trim(),
                startupMillis);
    }

    /** The process's resident memory now, in kB. */
    long rssKb() throws IOException {
        return status("VmRSS:");
    }

    /** The most resident memory the process has had since it started, in kB. */
    long peakRssKb() throws IOException {
        return status("VmHWM:");
    }

    private long status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    static void waitFor(BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PHASE_LIMIT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting for " + what);
            }
            Thread.sleep(5);
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
}
