package dev.tasklane.gateway.temporal;

import dev.tasklane.activities.testing.WebhookReceiver;
import dev.tasklane.gateway.config.DevServerProperties;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.Await;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Role all's dev server child: started again when it dies, a leftover replaced, a taken port refused with advice. */
class TemporalDevServerTest {

    @TempDir
    Path dataDir;

    @Test
    void aServerThatDiesIsStartedAgainWhileHealthSaysTemporalIsDown() {
        try (WebhookReceiver receiver = WebhookReceiver.start("127.0.0.1");
             EmbeddedServer tasklane = ApplicationContext.run(EmbeddedServer.class, Map.of(), "test")) {
            Api api = new Api(tasklane, tasklane.getApplicationContext().getBean(JsonMapper.class));
            TemporalDevServer server = tasklane.getApplicationContext().getBean(TemporalConnection.class)
                    .devServer().orElseThrow();
            long first = server.pid().orElseThrow();
            assertEquals(200, api.get("/health").status());

            ProcessHandle.of(first).orElseThrow().destroyForcibly();

            Api.Response down = Await.until("health to say Temporal is down", Duration.ofSeconds(10),
                    () -> api.get("/health"), health -> health.status() == 503);
            assertEquals("DOWN", down.json().get("details").get("temporal").get("status").getStringValue());
            Await.until("health to be up again", Duration.ofSeconds(60), () -> api.get("/health"),
                    health -> health.status() == 200);
            assertNotEquals(first, server.pid().orElseThrow());
            String id = api.post("/api/tasks", """
                    {"type":"webhook-delivery","payload":{"url":"%s"}}""".formatted(receiver.url("/after"))).field("id");
            api.awaitStatus(id, "COMPLETED");
        }
    }

    @Test
    void aServerLeftRunningByATasklaneThatWasKilledIsReplaced() throws Exception {
        int port = freePort();
        Path cli = TemporalCli.find(null);
        Process leftover = new ProcessBuilder(TemporalDevServer.command(cli, port, -1, "default",
                dataDir.resolve(TemporalDevServer.DB_FILE))).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("leftover.log").toFile()).start();
        Files.writeString(dataDir.resolve(TemporalDevServer.PID_FILE), leftover.pid() + "\n", StandardCharsets.UTF_8);

        try (TemporalDevServer server = TemporalDevServer.start(cli, settings(port), "default", dataDir)) {
            assertFalse(leftover.isAlive(), "the leftover server was stopped");
            assertNotEquals(leftover.pid(), server.pid().orElseThrow());
            assertTrue(server.isRunning());
            assertEquals(Long.toString(server.pid().orElseThrow()),
                    Files.readString(dataDir.resolve(TemporalDevServer.PID_FILE), StandardCharsets.UTF_8).trim());
        } finally {
            leftover.destroyForcibly();
        }
        assertFalse(Files.exists(dataDir.resolve(TemporalDevServer.PID_FILE)), "a stopped server leaves no pid file");
    }

    @Test
    void aPortSomethingElseHoldsIsRefusedSayingWhatToDo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> TemporalDevServer.start(
                    TemporalCli.find(null), settings(taken.getLocalPort()), "default", dataDir));

            assertTrue(refused.getMessage().startsWith("127.0.0.1:" + taken.getLocalPort() + " is in use"),
                    refused.getMessage());
            assertTrue(refused.getMessage().contains("TASKLANE_TEMPORAL_PORT"), refused.getMessage());
        }
    }

    @Test
    void aPickedPortTakenBeforeTheServerBindsItIsExchangedForAnother() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int free = freePort();
            Iterator<Integer> picks = List.of(taken.getLocalPort(), free).iterator();

            try (TemporalDevServer server = TemporalDevServer.start(TemporalCli.find(null), settings(0), "default",
                    dataDir, picks::next)) {
                assertEquals("127.0.0.1:" + free, server.address());
                assertTrue(server.isRunning());
            }
        }
    }

    @Test
    void aPortTakenAtEveryPickFailsTheStartSayingWhatToDo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AtomicInteger picks = new AtomicInteger();

            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> TemporalDevServer.start(
                    TemporalCli.find(null), settings(0), "default", dataDir, () -> {
                        picks.incrementAndGet();
                        return taken.getLocalPort();
                    }));

            assertEquals(TemporalDevServer.STARTS, picks.get());
            assertTrue(refused.getMessage().contains("is in use"), refused.getMessage());
        }
    }

    @Test
    void aServerThatExitsWhileStartingIsStartedAgain() throws Exception {
        Path cli = cliThatFailsFirst(1);

        try (TemporalDevServer server = TemporalDevServer.start(cli, settings(0), "default", dataDir)) {
            assertTrue(server.isRunning());
            assertEquals(2, launches());
            assertTrue(Files.readString(dataDir.resolve(TemporalDevServer.LOG_FILE), StandardCharsets.UTF_8)
                    .contains("panic: the first launch fails"), "the failed launch's output stays in the log");
        }
    }

    @Test
    void aServerThatNeverStartsFailsTheStartAndIsNotStartedAgainAfterIt() throws Exception {
        Path cli = cliThatFailsFirst(Integer.MAX_VALUE);

        IllegalStateException failed = assertThrows(IllegalStateException.class,
                () -> TemporalDevServer.start(cli, settings(0), "default", dataDir));

        assertTrue(failed.getMessage().contains("exited with code 2 while starting"), failed.getMessage());
        assertTrue(failed.getMessage().contains("panic: the first launch fails"), failed.getMessage());
        // its supervisor would start it again after a second; the failed start stopped it
        Awaitility.await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5))
                .until(this::launches, launches -> launches == TemporalDevServer.STARTS);
    }

    /** A Temporal CLI whose first {@code failures} launches exit as a panic does; later ones run the real CLI. */
    private Path cliThatFailsFirst(int failures) throws Exception {
        Path script = dataDir.resolve("temporal-failing-first");
        Files.writeString(script, """
                #!/bin/sh
                echo launched >> "%1$s"
                if [ "$(wc -l < "%1$s")" -le %2$d ]; then echo "panic: the first launch fails"; exit 2; fi
                exec "%3$s" "$@"
                """.formatted(launchesFile(), failures, TemporalCli.find(null)), StandardCharsets.UTF_8);
        assertTrue(script.toFile().setExecutable(true));
        return script;
    }

    private Path launchesFile() {
        return dataDir.resolve("launches");
    }

    private int launches() throws IOException {
        return Files.readAllLines(launchesFile(), StandardCharsets.UTF_8).size();
    }

    private static DevServerProperties settings(int port) {
        return new DevServerProperties(null, port, -1, Duration.ofSeconds(60), true);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
