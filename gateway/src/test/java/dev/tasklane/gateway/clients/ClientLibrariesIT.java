package dev.tasklane.gateway.clients;

import dev.tasklane.activities.testing.WebhookReceiver;
import dev.tasklane.activities.testing.WebhookReceiver.Reply;
import dev.tasklane.gateway.support.TasklaneProcess;
import dev.tasklane.gateway.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the client libraries' own tests against a live Tasklane (the built jar in role all) and a webhook receiver,
 * both on loopback, handing them the URL, a token and the receiver in the environment; and builds the Python wheel.
 */
class ClientLibrariesIT {

    private static final Path CLIENTS = Path.of("..", "clients").toAbsolutePath().normalize();
    private static final Path VENV = Path.of("target", "clients-venv").toAbsolutePath();

    private static WebhookReceiver receiver;
    private static TasklaneProcess tasklane;

    @BeforeAll
    static void startTasklaneAndAReceiver() throws IOException {
        receiver = WebhookReceiver.start("127.0.0.1").otherwise(Reply.status(200));
        tasklane = TasklaneProcess.start("client-libraries", Map.of("TASKLANE_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1"));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        tasklane.close();
        receiver.close();
    }

    @Test
    void thePythonClientsTestsPass() throws Exception {
        int exit = run("python-client", CLIENTS.resolve("python"), Map.of("PYTHONPATH", "src"),
                VENV.resolve("bin/python").toString(), "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests");

        assertEquals(0, exit, "the Python client's tests failed; see target/python-client.log");
    }

    @Test
    void theTypeScriptClientsTestsPass() throws Exception {
        int exit = run("typescript-client", CLIENTS.resolve("typescript"), Map.of(), "npm", "test");

        assertEquals(0, exit, "the TypeScript client's build, spec check or tests failed; see target/typescript-client.log");
    }

    @Test
    void thePythonClientBuildsAsATypedWheel() throws Exception {
        Path dist = Path.of("target", "python-dist").toAbsolutePath();
        int exit = run("python-wheel", CLIENTS.resolve("python"), Map.of(), VENV.resolve("bin/python").toString(),
                "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--wheel-dir", dist.toString(),
                ".");

        assertEquals(0, exit, "the wheel did not build; see target/python-wheel.log");
        try (Stream<Path> built = Files.list(dist)) {
            Path wheel = built.filter(p -> p.getFileName().toString().startsWith("tasklane-0.1.0-")).findFirst()
                    .orElseThrow();
            try (ZipFile zip = new ZipFile(wheel.toFile())) {
                assertTrue(zip.getEntry("tasklane/py.typed") != null, "the wheel says it is typed");
                assertTrue(zip.getEntry("tasklane/client.py") != null, "the wheel holds the client");
            }
        }
    }

    /** Runs a command in {@code directory} against the live Tasklane; its output goes to target/{@code name}.log. */
    private static int run(String name, Path directory, Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        Path log = Path.of("target", name + ".log").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of("TASKLANE_URL", tasklane.base().toString(),
                "TASKLANE_TOKEN", Tokens.admin(), "TASKLANE_TEST_RECEIVER", receiver.url("")));
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertTrue(process.waitFor(10, TimeUnit.MINUTES), name + " ends within 10 minutes");
        System.out.println(Files.readString(log, StandardCharsets.UTF_8));
        return process.exitValue();
    }
}
