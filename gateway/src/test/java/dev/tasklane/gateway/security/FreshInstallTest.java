package dev.tasklane.gateway.security;

import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.FreshInstall;
import dev.tasklane.gateway.support.Tokens;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A first start with nothing configured: generated keys, a working dev token, and the token command. */
class FreshInstallTest {

    @TempDir
    Path dataDir;

    private Map<String, Object> freshInstall(String role) {
        return FreshInstall.properties(role, dataDir);
    }

    @Test
    void theDevTokenWorksOnAFreshDataDirectoryAndSurvivesARestart() throws Exception {
        String firstToken;
        try (EmbeddedServer server = FreshInstall.start(freshInstall("all"))) {
            Path devToken = dataDir.resolve(LocalSecrets.DEV_TOKEN_FILE);
            firstToken = Files.readString(devToken).trim();
            Api api = new Api(server, server.getApplicationContext().getBean(JsonMapper.class)).as(firstToken);

            assertEquals(200, api.get("/api/tasks").status());
            assertEquals(404, api.delete("/api/tasks/none").status(), "the dev token is an ADMIN's");
            for (String file : List.of(LocalSecrets.DEV_TOKEN_FILE, LocalSecrets.JWT_SECRET_FILE,
                    LocalSecrets.ENCRYPTION_KEY_FILE, "tasklane.mv.db")) {
                assertEquals("rw-------", PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(dataDir.resolve(file))), file);
            }
        }
        try (EmbeddedServer restarted = FreshInstall.start(freshInstall("all"))) {
            Api api = new Api(restarted, restarted.getApplicationContext().getBean(JsonMapper.class)).as(firstToken);

            assertEquals(200, api.get("/api/tasks").status(), "the generated secret is kept");
        }
    }

    @Test
    void theDevTokenIsHandedToABrowserOnTheSameMachineOnly() throws Exception {
        try (EmbeddedServer server = FreshInstall.start(freshInstall("all"))) {
            String written = Files.readString(dataDir.resolve(LocalSecrets.DEV_TOKEN_FILE)).trim();

            assertTrue(getDevToken(server.getPort(), "localhost:" + server.getPort()).endsWith(
                    "\"token\":\"" + written + "\",\"subject\":\"dev\",\"tenant\":\"default\"}"));
            assertTrue(getDevToken(server.getPort(), "127.0.0.1:" + server.getPort()).startsWith("HTTP/1.1 200"));
            assertTrue(getDevToken(server.getPort(), "[::1]:" + server.getPort()).startsWith("HTTP/1.1 200"));
            String rebound = getDevToken(server.getPort(), "attacker.test:" + server.getPort());
            assertTrue(rebound.startsWith("HTTP/1.1 404"), "a page whose name now points here gets nothing: " + rebound);
            assertTrue(!rebound.contains(written));
        }
    }

    /** GET /api/dev-token from this machine, naming {@code host} as the browser would; the whole answer. */
    private static String getDevToken(int port, String host) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write(("GET /api/dev-token HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theTokenCommandMintsTokensWithTheGeneratedSecret() throws Exception {
        try (EmbeddedServer server = FreshInstall.start(freshInstall("all"))) {
            String token = runTokenCommand("--subject", "alice", "--tenant", "default", "--roles", "user", "--ttl", "10m");
            Api alice = new Api(server, server.getApplicationContext().getBean(JsonMapper.class)).as(token);

            assertEquals(200, alice.get("/api/tasks").status());
            assertEquals(403, alice.delete("/api/tasks/none").status());
        }
    }

    @Test
    void theTokenCommandExplainsBadArguments() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TokenCommand.run(List.of("--subject", "alice"), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--tenant are required"), err.toString());
    }

    @Test
    void aGatewayWithoutATokenSecretOrSealingKeyRefusesToStartAndSaysWhatToSet() {
        Map<String, Object> gateway = freshInstall("gateway");
        gateway.put("tasklane.temporal.address", "127.0.0.1:1");

        Exception noKeys = assertThrows(Exception.class, () -> FreshInstall.start(gateway).close());
        assertTrue(messages(noKeys).contains("TASKLANE_SECURITY_"), messages(noKeys));

        gateway.put("tasklane.security.encryption-key", "dGFza2xhbmUtdGVzdC1zZWFsaW5nLWtleS0zMmJ5dGU=");
        Exception noSecret = assertThrows(Exception.class, () -> FreshInstall.start(gateway).close());
        assertTrue(messages(noSecret).contains("TASKLANE_SECURITY_JWT_SECRET"), messages(noSecret));

        gateway.put("tasklane.security.jwt-secret", "too-short");
        Exception shortSecret = assertThrows(Exception.class, () -> FreshInstall.start(gateway).close());
        assertTrue(messages(shortSecret).contains("at least 32 characters"), messages(shortSecret));

        gateway.put("tasklane.security.jwt-secret", Tokens.SECRET);
        try (EmbeddedServer server = FreshInstall.start(gateway)) {
            assertTrue(Files.notExists(dataDir.resolve(LocalSecrets.DEV_TOKEN_FILE)), "no dev token outside role all");
        }
    }

    private String runTokenCommand(String... args) {
        String previous = System.getProperty("tasklane.data-dir");
        System.setProperty("tasklane.data-dir", dataDir.toString());
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = TokenCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
            return out.toString(StandardCharsets.UTF_8).trim();
        } finally {
            if (previous == null) {
                System.clearProperty("tasklane.data-dir");
            } else {
                System.setProperty("tasklane.data-dir", previous);
            }
        }
    }

    private static String messages(Throwable error) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
