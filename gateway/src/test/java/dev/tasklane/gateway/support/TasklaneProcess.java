package dev.tasklane.gateway.support;

import org.awaitility.Awaitility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Tasklane in role {@code all} as its own process from the built jar, with its dev server child, on fixed ports and a
 * data directory under {@code target/processes/}: started, killed with {@code kill -9} (alone or with its dev
 * server), and started again on the same data directory.
 */
public final class TasklaneProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path jar;
    private final Path dataDir;
    private final int httpPort = freePort();
    private final int temporalPort = freePort();
    private final Map<String, String> environment;
    private Process process;

    private TasklaneProcess(Path jar, Path dataDir, Map<String, String> settings) {
        this.jar = jar;
        this.dataDir = dataDir;
        this.environment = new HashMap<>(Map.of(
                "TASKLANE_HTTP_PORT", Integer.toString(httpPort),
                "TASKLANE_TEMPORAL_PORT", Integer.toString(temporalPort),
                "TASKLANE_TEMPORAL_UI_PORT", "-1",
                "TASKLANE_DATA_DIR", dataDir.toString(),
                "TASKLANE_SECURITY_JWT_SECRET", Tokens.SECRET,
                "TASKLANE_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1",
                "TASKLANE_SCHEDULES_CLEANUP", "false",
                "TASKLANE_SCHEDULES_ANALYTICS", "false"));
        this.environment.putAll(settings);
    }

    /** Starts the jar on an empty data directory named {@code name}, with {@code settings} added to its environment. */
    public static TasklaneProcess start(String name, Map<String, String> settings) throws IOException {
        Path jar = Path.of(System.getProperty("tasklane.jar", "target/tasklane.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; the tests that run it run after the jar is packaged");
        }
        Path dataDir = Path.of("target", "processes", name).toAbsolutePath();
        deleteTree(dataDir);
        Files.createDirectories(dataDir);
        TasklaneProcess tasklane = new TasklaneProcess(jar, dataDir, settings);
        tasklane.launch();
        return tasklane;
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    /** host:port of the dev server's frontend. */
    public String temporalAddress() {
        return "127.0.0.1:" + temporalPort;
    }

    /** The dev server the data directory's pid file names, while it runs. */
    public Optional<ProcessHandle> devServer() {
        Path pidFile = dataDir.resolve("temporal-server.pid");
        try {
            return Files.exists(pidFile)
                    ? ProcessHandle.of(Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim()))
                    .filter(ProcessHandle::isAlive)
                    : Optional.empty();
        } catch (IOException | NumberFormatException unreadable) {
            return Optional.empty();
        }
    }

    /** {@code kill -9} of Tasklane alone: its dev server child is left running, orphaned. */
    public void killTasklane() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Tasklane did not die");
        }
    }

    /** {@code kill -9} of Tasklane and then of its dev server. */
    public void killTasklaneAndItsServer() throws InterruptedException {
        ProcessHandle server = devServer().orElseThrow(() -> new IllegalStateException("no dev server runs"));
        killTasklane();
        server.destroyForcibly();
        try {
            server.onExit().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the dev server " + server.pid() + " did not die", e);
        }
    }

    /** Stops Tasklane as SIGTERM (or Ctrl-C) does and returns its exit code. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Tasklane did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** What Tasklane printed, over all its starts. */
    public List<String> log() throws IOException {
        return Files.readAllLines(dataDir.resolve("tasklane.log"), StandardCharsets.UTF_8);
    }

    /** Starts Tasklane again on the same data directory and ports; returns once it answers /health with 200. */
    public void restart() {
        launch();
    }

    private void launch() {
        try {
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                    "-jar", jar.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("tasklane.log").toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Awaitility.await("Tasklane to start; its log: " + dataDir.resolve("tasklane.log")).atMost(START_TIMEOUT)
                .pollInterval(Duration.ofMillis(100))
                .failFast("Tasklane exited; its log: " + dataDir.resolve("tasklane.log"), () -> !process.isAlive())
                .until(this::healthy);
    }

    private boolean healthy() {
        try {
            return HTTP.send(HttpRequest.newBuilder(base().resolve("/health")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }


    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** Stops Tasklane (which stops its dev server), and kills a dev server still left. */
    @Override
    public void close() throws InterruptedException {
        Optional<ProcessHandle> server = devServer();
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        server.filter(ProcessHandle::isAlive).ifPresent(ProcessHandle::destroyForcibly);
    }
}
