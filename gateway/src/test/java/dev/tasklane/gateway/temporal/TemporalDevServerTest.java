package dev.tasklane.gateway.temporal;

import dev.tasklane.activities.testing.WebhookReceiver;
import dev.tasklane.gateway.config.DevServerProperties;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.Await;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
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

            assertEquals(TemporalDevServer.STARTS_ON_PICKED_PORTS, picks.get());
            assertTrue(refused.getMessage().contains("is in use"), refused.getMessage());
        }
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
