package dev.tasklane.gateway.scaleout;

import dev.tasklane.gateway.support.Tokens;
import dev.tasklane.gateway.temporal.TemporalCli;
import dev.tasklane.gateway.temporal.TemporalDevServer;
import org.awaitility.Awaitility;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Tasklane as separate processes on 127.0.0.1, each with its own log under {@code target/scale-out/}: Temporal's dev
 * server (state in a SQLite file, so it survives a kill) and any number of gateways and workers run from the built
 * jar, sharing a PostgreSQL schema.
 */
public final class ScaleOutCluster implements AutoCloseable {

    private static final String ENCRYPTION_KEY = "dGFza2xhbmUtdGVzdC1zZWFsaW5nLWtleS0zMmJ5dGU=";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** One process: how to start it and, once started, the running process. */
    private static final class Node {
        final List<String> command;
        final Map<String, String> environment;
        final int port;
        final Path log;
        Process process;

        Node(List<String> command, Map<String, String> environment, int port, Path log) {
            this.command = command;
            this.environment = environment;
            this.port = port;
            this.log = log;
        }
    }

    private final Path directory;
    private final Path jar;
    private final String storeUrl;
    private final PostgresUnderTest postgres;
    private final int temporalPort = freePort();
    private final Map<String, Node> nodes = new LinkedHashMap<>();

    private ScaleOutCluster(Path directory, Path jar, String storeUrl, PostgresUnderTest postgres) {
        this.directory = directory;
        this.jar = jar;
        this.storeUrl = storeUrl;
        this.postgres = postgres;
    }

    /** A cluster named {@code name} on a fresh schema of {@code postgres}; nothing runs until started. */
    public static ScaleOutCluster create(String name, PostgresUnderTest postgres) throws IOException, SQLException {
        Path jar = Path.of(System.getProperty("tasklane.jar", "target/tasklane.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; the scale-out tests run after the jar is packaged");
        }
        Path directory = Files.createDirectories(Path.of("target", "scale-out", name));
        for (String stale : List.of("temporal.db", "temporal.db-wal", "temporal.db-shm")) {
            Files.deleteIfExists(directory.resolve(stale));
        }
        return new ScaleOutCluster(directory, jar, postgres.freshSchemaUrl(name.replace('-', '_')), postgres);
    }

    /** The store URL every process uses. */
    public String storeUrl() {
        return storeUrl;
    }

    /** Starts Temporal's dev server and waits until it accepts connections. */
    public void startTemporal() {
        Node node = nodes.computeIfAbsent("temporal", name -> new Node(TemporalDevServer.command(temporalCli(),
                temporalPort, -1, "default", directory.resolve("temporal.db")), Map.of(),
                temporalPort, directory.resolve("temporal.log")));
        launch(node);
        awaitUp("temporal", node, () -> accepts(temporalPort));
    }

    private static Path temporalCli() {
        try {
            return TemporalCli.find(null);
        } catch (TemporalCli.Missing e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Starts a gateway process; returns its base URL. */
    public URI startGateway(String name) {
        return startGateway(name, Map.of());
    }

    /** Starts a gateway process with extra environment; returns its base URL. */
    public URI startGateway(String name, Map<String, String> environment) {
        return start(name, "gateway", environment);
    }

    /** The address of the cluster's Temporal. */
    public String temporalAddress() {
        return "127.0.0.1:" + temporalPort;
    }

    /** The identity Temporal records for the worker of process {@code name}, as the SDK makes it: pid@host. */
    public String workerIdentityPrefix(String name) {
        return nodes.get(name).process.pid() + "@";
    }

    /** Starts a worker process with extra environment (e.g. its concurrency). */
    public void startWorker(String name, Map<String, String> environment) {
        start(name, "worker", environment);
    }

    private URI start(String name, String role, Map<String, String> extra) {
        int port = freePort();
        Map<String, String> environment = new HashMap<>(Map.of(
                "TEMPORAL_ADDRESS", "127.0.0.1:" + temporalPort,
                "DATASOURCES_DEFAULT_URL", storeUrl,
                "DATASOURCES_DEFAULT_USERNAME", postgres.user(),
                "DATASOURCES_DEFAULT_PASSWORD", postgres.password(),
                "TASKLANE_SECURITY_JWT_SECRET", Tokens.SECRET,
                "TASKLANE_SECURITY_ENCRYPTION_KEY", ENCRYPTION_KEY,
                "TASKLANE_HTTP_PORT", Integer.toString(port),
                "TASKLANE_DATA_DIR", directory.resolve(name).toString(),
                "TASKLANE_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1"));
        environment.putAll(extra);
        Node node = new Node(List.of(java(), "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), role),
                environment, port, directory.resolve(name + ".log"));
        nodes.put(name, node);
        launch(node);
        awaitUp(name, node, () -> answers(port));
        return uri(name);
    }

    /** Starts a stopped or killed process again, on the same port with the same settings. */
    public void restart(String name) {
        Node node = nodes.get(name);
        launch(node);
        awaitUp(name, node, name.equals("temporal") ? () -> accepts(node.port) : () -> answers(node.port));
    }

    /** Kills the process at once ({@code kill -9}): no shutdown hook, no graceful stop. */
    public void kill(String name) throws InterruptedException {
        Process process = nodes.get(name).process;
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " did not die");
        }
    }

    public URI uri(String name) {
        return URI.create("http://127.0.0.1:" + nodes.get(name).port);
    }

    private void launch(Node node) {
        try {
            ProcessBuilder builder = new ProcessBuilder(node.command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(node.log.toFile()));
            builder.environment().putAll(node.environment);
            node.process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Probe {
        boolean up();
    }

    private static void awaitUp(String name, Node node, Probe probe) {
        String log = "; its log: " + node.log.toAbsolutePath();
        Awaitility.await(name + " to start" + log).atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .failFast(name + " exited" + log, () -> !node.process.isAlive())
                .until(probe::up);
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** True once the process serves HTTP, healthy or not. */
    private static boolean answers(int port) {
        try {
            HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException refused) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills every process still running. */
    @Override
    public void close() {
        List<Process> running = new ArrayList<>();
        nodes.values().forEach(node -> {
            if (node.process != null && node.process.isAlive()) {
                node.process.destroyForcibly();
                running.add(node.process);
            }
        });
        for (Process process : running) {
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
