package dev.tasklane.gateway.temporal;

import dev.tasklane.gateway.config.DevServerProperties;
import dev.tasklane.workflows.lifecycle.TaskSearchAttributes;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;

/**
 * Temporal's dev server ({@code temporal server start-dev}) as this process's child in role {@code all}: started
 * on 127.0.0.1 with Tasklane's namespace, search attributes and matching settings, started again with backoff when
 * it dies, stopped with the process. Its pid is kept in the data directory, so a server left behind by a Tasklane
 * that was killed is replaced at the next start instead of holding the ports and the SQLite file.
 */
public final class TemporalDevServer implements AutoCloseable {

    static final String PID_FILE = "temporal-server.pid";
    static final String LOG_FILE = "temporal-server.log";
    static final String DB_FILE = "temporal.db";

    private static final Logger LOG = LoggerFactory.getLogger(TemporalDevServer.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    /** How long the stop at JVM exit leaves the application's own stop, which closes this server last, to run first. */
    private static final Duration ORDERLY_STOP_WAIT = Duration.ofSeconds(20);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** A server that ran this long before it died starts again after the first backoff, not the last one. */
    private static final Duration STABLE_AFTER = Duration.ofMinutes(1);
    private static final Duration POLL = Duration.ofMillis(50);
    /** Starts tried before the start fails: each after a server that exited while starting, or a picked port taken. */
    static final int STARTS = 3;
    /** Where Tasklane picks the dev server's ports when they are left to it, and how many picks it tries. */
    private static final int PICKED_PORTS_FROM = 20_000;
    private static final int PICKED_PORTS_TO = 32_000;
    private static final int PICKS = 100;
    /**
     * Fairness between tenants (the fairness key); one partition so tasks of one priority go first in, first out;
     * eager starts and eager activities, so a worker with a free slot gets a task in the reply that creates it instead
     * of through the task queue.
     */
    private static final List<String> DYNAMIC_CONFIG = List.of(
            "matching.enableFairness=true",
            "matching.numTaskqueueReadPartitions=1",
            "matching.numTaskqueueWritePartitions=1",
            "system.enableEagerWorkflowStart=true",
            "system.enableActivityEagerExecution=true");

    private final List<String> command;
    private final Path stateDir;
    /** In memory, the pid and log files go to a directory of the server's own, removed when it stops. */
    private final boolean ownsStateDir;
    private final Path pidFile;
    private final Path logFile;
    private final int port;
    private final int uiPort;
    private final Duration startTimeout;
    private final ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "temporal-dev-server-supervisor");
        thread.setDaemon(true);
        return thread;
    });
    private final Thread stopAtExit = new Thread(this::stopAtExit, "temporal-dev-server-stop");
    private final CountDownLatch closed = new CountDownLatch(1);
    private final List<Runnable> restartListeners = new ArrayList<>();

    private volatile Process process;
    private volatile boolean closing;
    private Instant startedAt = Instant.EPOCH;
    private Duration backoff = FIRST_BACKOFF;

    private TemporalDevServer(Path cli, DevServerProperties settings, String namespace, Path dataDir,
                              IntSupplier freePorts) throws IOException {
        this.port = settings.port() == 0 ? freePorts.getAsInt() : settings.port();
        this.uiPort = !settings.hasWebUi() ? -1 : settings.uiPort() == 0 ? freePorts.getAsInt() : settings.uiPort();
        this.startTimeout = settings.startTimeout();
        this.ownsStateDir = !settings.persistent();
        this.stateDir = ownsStateDir ? Files.createTempDirectory("tasklane-temporal") : dataDir;
        this.pidFile = stateDir.resolve(PID_FILE);
        this.logFile = stateDir.resolve(LOG_FILE);
        this.command = command(cli, port, uiPort, namespace,
                settings.persistent() ? dataDir.resolve(DB_FILE) : null);
    }

    /**
     * The command line of a dev server on 127.0.0.1:{@code port} with Tasklane's namespace, search attributes and
     * matching settings; {@code uiPort} -1 leaves the Web UI out, a null {@code dbFile} keeps the state in memory.
     */
    public static List<String> command(Path cli, int port, int uiPort, String namespace, Path dbFile) {
        List<String> args = new ArrayList<>(List.of(cli.toString(), "server", "start-dev",
                "--ip", "127.0.0.1", "--port", Integer.toString(port), "--log-level", "warn"));
        if (uiPort < 0) {
            args.add("--headless");
        } else {
            args.addAll(List.of("--ui-ip", "127.0.0.1", "--ui-port", Integer.toString(uiPort),
                    "--ui-disable-news-fetch"));
        }
        if (!namespace.equals("default")) {
            args.addAll(List.of("--namespace", namespace));
        }
        if (dbFile != null) {
            // a 64 MB page cache (SQLite's default is 2 MB) keeps the hot part of a growing history in memory
            args.addAll(List.of("--db-filename", dbFile.toString(),
                    "--sqlite-pragma", "journal_mode=wal", "--sqlite-pragma", "synchronous=normal",
                    "--sqlite-pragma", "cache_size=-65536", "--sqlite-pragma", "temp_store=memory"));
        }
        DYNAMIC_CONFIG.forEach(value -> args.addAll(List.of("--dynamic-config-value", value)));
        TaskSearchAttributes.ALL.forEach(key -> args.addAll(List.of("--search-attribute",
                key.getName() + "=" + TaskSearchAttributes.typeName(key))));
        return List.copyOf(args);
    }

    /**
     * Starts the server under {@code dataDir} (replacing one a killed Tasklane left there) and returns once its gRPC
     * port accepts connections; {@link #awaitNamespace} then waits until it serves.
     */
    public static TemporalDevServer start(Path cli, DevServerProperties settings, String namespace, Path dataDir) {
        return start(cli, settings, namespace, dataDir, TemporalDevServer::freePort);
    }

    /**
     * As {@link #start(Path, DevServerProperties, String, Path)}, with ports left to Tasklane taken from
     * {@code freePorts}. Such a port is free when picked but not held: when another process takes it before the server
     * binds it, the server starts again on newly picked ones. A server that exits while it starts, for that or any
     * other reason, is started again the same way; the start fails after {@link #STARTS} tries, and a server that
     * failed to start is stopped, so nothing restarts it behind the caller's back.
     */
    static TemporalDevServer start(Path cli, DevServerProperties settings, String namespace, Path dataDir,
                                   IntSupplier freePorts) {
        boolean picksPorts = settings.port() == 0 || settings.hasWebUi() && settings.uiPort() == 0;
        try {
            Files.createDirectories(dataDir);
            for (int start = 1; ; start++) {
                TemporalDevServer server = new TemporalDevServer(cli, settings, namespace, dataDir, freePorts);
                try {
                    server.replaceLeftover();
                    server.requireFree(server.port, "TASKLANE_TEMPORAL_PORT");
                    if (server.uiPort >= 0) {
                        server.requireFree(server.uiPort, "TASKLANE_TEMPORAL_UI_PORT");
                    }
                    server.launch();
                    Runtime.getRuntime().addShutdownHook(server.stopAtExit);
                    server.awaitPort();
                    return server;
                } catch (IllegalStateException failed) {
                    // before the launch only a taken port fails the start, which other picks may avoid
                    boolean launched = server.process != null;
                    boolean exited = launched && !server.process.isAlive();
                    server.abandon();
                    if (start == STARTS || !(exited || !launched && picksPorts)) {
                        throw failed;
                    }
                    LOG.warn("Temporal's dev server did not start ({}); starting it again{}", failed.getMessage(),
                            picksPorts ? " on other ports" : "");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Temporal's dev server", e);
        }
    }

    /** host:port of its gRPC frontend. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** Base URL of its Web UI, if it serves one. */
    public Optional<String> webUiUrl() {
        return uiPort < 0 ? Optional.empty() : Optional.of("http://127.0.0.1:" + uiPort);
    }

    /** The running server's process id. */
    public java.util.OptionalLong pid() {
        Process current = process;
        return current == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(current.pid());
    }

    /** Whether the server process is alive (it may still be starting). */
    public boolean isRunning() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /** Runs {@code listener} each time the server has been started again after it died. */
    public synchronized void onRestart(Runnable listener) {
        restartListeners.add(listener);
    }

    /** Waits until the server answers for {@code namespace}, or fails saying why within the start timeout. */
    public void awaitNamespace(WorkflowServiceStubs stubs, String namespace) {
        Instant deadline = Instant.now().plus(startTimeout);
        StatusRuntimeException last = null;
        while (Instant.now().isBefore(deadline)) {
            requireAlive();
            try {
                stubs.blockingStub().withDeadlineAfter(2, TimeUnit.SECONDS)
                        .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build());
                return;
            } catch (StatusRuntimeException notYet) {
                last = notYet;
                pause();
            }
        }
        throw new IllegalStateException("Temporal's dev server did not serve namespace " + namespace + " within "
                + startTimeout.toSeconds() + " s (" + (last == null ? "no answer" : last.getStatus()) + "); its log: "
                + logFile);
    }

    private void replaceLeftover() throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        String recorded = Files.readString(pidFile, StandardCharsets.UTF_8).trim();
        Optional<ProcessHandle> leftover;
        try {
            leftover = ProcessHandle.of(Long.parseLong(recorded));
        } catch (NumberFormatException unreadable) {
            leftover = Optional.empty();
        }
        Optional<ProcessHandle> server = leftover.filter(ProcessHandle::isAlive).filter(handle -> handle.info()
                .commandLine().or(() -> handle.info().command()).orElse("").contains("start-dev"));
        if (server.isPresent()) {
            LOG.warn("Temporal's dev server {} was left running by a Tasklane that did not stop; replacing it",
                    server.get().pid());
            stop(server.get());
        }
        Files.deleteIfExists(pidFile);
    }

    private void requireFree(int candidate, String setting) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), candidate));
        } catch (BindException inUse) {
            throw new IllegalStateException("127.0.0.1:" + candidate + " is in use, so Temporal's dev server cannot "
                    + "take it: stop what holds it, set " + setting + " to another port, or set TEMPORAL_ADDRESS to "
                    + "a running Temporal");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void launch() throws IOException {
        if (closing) {
            return;
        }
        Files.writeString(logFile, "--- " + Instant.now() + " " + String.join(" ", command) + System.lineSeparator(),
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        Process started = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        Files.writeString(pidFile, started.pid() + System.lineSeparator(), StandardCharsets.UTF_8);
        process = started;
        startedAt = Instant.now();
        started.onExit().thenAccept(this::exited);
    }

    private void awaitPort() {
        Instant deadline = Instant.now().plus(startTimeout);
        while (Instant.now().isBefore(deadline)) {
            requireAlive();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return;
            } catch (IOException notYet) {
                pause();
            }
        }
        throw new IllegalStateException("Temporal's dev server did not open 127.0.0.1:" + port + " within "
                + startTimeout.toSeconds() + " s; its log: " + logFile);
    }

    private void requireAlive() {
        Process current = process;
        if (current != null && !current.isAlive()) {
            throw new IllegalStateException("Temporal's dev server exited with code " + current.exitValue()
                    + " while starting; its log: " + logFile + lastLines());
        }
    }

    private String lastLines() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return System.lineSeparator() + String.join(System.lineSeparator(),
                    lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException | UncheckedIOException unreadable) {
            return "";
        }
    }

    private void exited(Process ended) {
        if (closing || ended != process) {
            return;
        }
        Duration ranFor = Duration.between(startedAt, Instant.now());
        if (ranFor.compareTo(STABLE_AFTER) >= 0) {
            backoff = FIRST_BACKOFF;
        }
        LOG.error("Temporal's dev server exited with code {} after {} s; starting it again in {} s (its log: {})",
                ended.exitValue(), ranFor.toSeconds(), backoff.toSeconds(), logFile);
        scheduleRestart();
    }

    private void scheduleRestart() {
        Duration delay = backoff;
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        try {
            supervisor.schedule(this::restart, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // closing: nothing to restart
        }
    }

    private void restart() {
        if (closing) {
            return;
        }
        try {
            launch();
            awaitPort();
            LOG.info("Temporal's dev server is back on {}", address());
            List<Runnable> listeners;
            synchronized (this) {
                listeners = List.copyOf(restartListeners);
            }
            listeners.forEach(Runnable::run);
        } catch (IOException | RuntimeException e) {
            LOG.error("Temporal's dev server did not start again: {}", e.getMessage());
            if (process != null && process.isAlive()) {
                return;
            }
            scheduleRestart();
        }
    }

    private void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Temporal's dev server", e);
        }
    }

    /**
     * At JVM exit (SIGTERM, Ctrl-C) the application's stop runs at the same time as this; it stops the worker and then
     * this server, so the server waits for it rather than go away under the worker's last calls. Stopped here only
     * when nothing closes it.
     */
    private void stopAtExit() {
        try {
            closed.await(ORDERLY_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopProcess();
    }

    private void stopProcess() {
        Process current;
        synchronized (this) {
            closing = true;
            current = process;
        }
        if (current != null) {
            stop(current.toHandle());
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", pidFile, e.toString());
        }
    }

    /** Asks the process (and anything it started) to stop, and kills what is left after a while. */
    private static void stop(ProcessHandle handle) {
        List<ProcessHandle> tree = new ArrayList<>(handle.descendants().toList());
        tree.add(handle);
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle member : tree) {
            try {
                member.onExit().get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException stuck) {
                member.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                member.destroyForcibly();
            } catch (java.util.concurrent.ExecutionException impossible) {
                member.destroyForcibly();
            }
        }
    }

    /**
     * A port free now, below the ephemeral ports systems hand out (32768 and up by default): a port the kernel gave
     * for port 0 is soon given again, to the next listener on port 0 or an outgoing connection, before the dev server
     * has bound it; one of these is not.
     */
    private static int freePort() {
        for (int tries = 0; tries < PICKS; tries++) {
            int candidate = ThreadLocalRandom.current().nextInt(PICKED_PORTS_FROM, PICKED_PORTS_TO);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), candidate));
                return candidate;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port among " + PICKS + " tried between " + PICKED_PORTS_FROM
                + " and " + PICKED_PORTS_TO + ": set TASKLANE_TEMPORAL_PORT and TASKLANE_TEMPORAL_UI_PORT");
    }

    @Override
    public void close() {
        abandon();
        if (ownsStateDir) {
            deleteQuietly(stateDir);
        }
        closed.countDown();
    }

    /** Stops the server and its restarts, leaving its state directory and log as they are. */
    private void abandon() {
        supervisor.shutdownNow();
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs or has run
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            LOG.debug("could not remove {}: {}", dir, e.toString());
        }
    }
}
