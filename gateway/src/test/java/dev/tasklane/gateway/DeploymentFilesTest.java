package dev.tasklane.gateway;

import dev.tasklane.gateway.temporal.TemporalCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deployment files agree with the build, the configuration and the docs: the compose file parses, pins
 * every image (Temporal's server and Web UI at the versions the pinned CLI embeds), publishes on loopback only and
 * wires Tasklane to services it defines; the systemd units start the
 * role they are named for with an environment the docs document.
 */
class DeploymentFilesTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern PINNED = Pattern.compile("[a-z0-9./-]+:\\d[\\w.-]*");

    private static Map<String, Map<String, Object>> services;
    /** The README and every page of {@code docs/}, read as one text. */
    private static String docs;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.temporal.yml")));
        services = (Map<String, Map<String, Object>>) compose.get("services");
        StringBuilder text = new StringBuilder(Files.readString(ROOT.resolve("README.md")));
        try (Stream<Path> pages = Files.list(ROOT.resolve("docs"))) {
            for (Path page : pages.filter(path -> path.toString().endsWith(".md")).sorted().toList()) {
                text.append(Files.readString(page));
            }
        }
        docs = text.toString();
    }

    @Test
    void everyImageIsPinnedToAVersionAndPublishedOnLoopbackOnly() throws IOException {
        services.forEach((name, service) -> {
            String image = (String) service.get("image");
            assertTrue(image != null && PINNED.matcher(image).matches(), name + " pins its image: " + image);
            for (Object port : (List<?>) service.getOrDefault("ports", List.of())) {
                assertTrue(port.toString().startsWith("127.0.0.1:"), name + " publishes on loopback only: " + port);
            }
        });
        String from = Files.readAllLines(ROOT.resolve("deploy/Dockerfile")).stream()
                .filter(line -> line.startsWith("FROM ")).findFirst().orElseThrow().substring(5).trim();
        assertTrue(PINNED.matcher(from).matches(), "the Dockerfile pins its base image: " + from);
    }

    @Test
    void theComposeStackRunsTheServerAndWebUiTheTemporalCliEmbeds() throws Exception {
        Process version = new ProcessBuilder(TemporalCli.find(null).toString(), "--version")
                .redirectErrorStream(true).start();
        String printed = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, version.waitFor());
        Matcher embedded = Pattern.compile("Server ([0-9.]+), UI ([0-9.]+)").matcher(printed);
        assertTrue(embedded.find(), printed);
        assertEquals("temporalio/server:" + embedded.group(1), services.get("temporal").get("image"));
        assertEquals("temporalio/admin-tools:" + embedded.group(1), services.get("temporal-schema").get("image"));
        assertEquals("temporalio/ui:" + embedded.group(2), services.get("temporal-ui").get("image"));
    }

    @Test
    void theImageIsBuiltFromTheJarTheBuildMakes() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("deploy/Dockerfile"));
        assertTrue(Files.readString(Path.of("pom.xml")).contains("<finalName>tasklane</finalName>"));
        assertTrue(dockerfile.contains("COPY gateway/target/tasklane.jar "), "the Dockerfile copies the built jar");
        for (String role : List.of("gateway", "worker")) {
            Map<String, Object> service = services.get("tasklane-" + role);
            assertNotNull(service, "the compose file runs a Tasklane " + role);
            assertEquals(List.of(role), service.get("command"));
            assertEquals(List.of("tasklane"), service.get("profiles"));
            @SuppressWarnings("unchecked")
            Map<String, Object> build = (Map<String, Object>) service.get("build");
            assertEquals("deploy/Dockerfile", build.get("dockerfile"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void tasklaneContainersReachServicesTheFileDefinesWithDocumentedSettings() throws IOException {
        Matcher defaultPort = Pattern.compile("TASKLANE_HTTP_PORT:(\\d+)")
                .matcher(Files.readString(Path.of("src/main/resources/application.yml")));
        assertTrue(defaultPort.find(), "application.yml gives the default HTTP port");
        String httpPort = defaultPort.group(1);
        for (String role : List.of("gateway", "worker")) {
            Map<String, Object> service = services.get("tasklane-" + role);
            Map<String, Object> environment = (Map<String, Object>) service.get("environment");
            environment.keySet().forEach(variable -> assertTrue(docs.contains("`" + variable + "`"),
                    "the docs document " + variable + ", which the " + role + " container sets"));
            assertTrue(environment.containsKey("TASKLANE_SECURITY_ENCRYPTION_KEY"), role + " gets the sealing key");

            String temporal = environment.get("TEMPORAL_ADDRESS").toString();
            assertTrue(services.containsKey(temporal.split(":")[0]), role + " reaches a Temporal the file runs");
            assertTrue(((List<String>) services.get("temporal").get("ports")).stream()
                    .anyMatch(port -> port.endsWith(":" + temporal.split(":")[1])), "Temporal listens on " + temporal);

            URI store = URI.create(environment.get("DATASOURCES_DEFAULT_URL").toString().substring("jdbc:".length()));
            Map<String, Object> postgres = (Map<String, Object>) services.get(store.getHost()).get("environment");
            assertEquals("/" + postgres.get("POSTGRES_DB"), store.getPath(), role + " uses the database the file creates");
            assertEquals(postgres.get("POSTGRES_USER"), environment.get("DATASOURCES_DEFAULT_USERNAME"));
            assertEquals(postgres.get("POSTGRES_PASSWORD"), environment.get("DATASOURCES_DEFAULT_PASSWORD"));

            String published = ((List<String>) service.get("ports")).get(0);
            assertTrue(published.endsWith(":" + httpPort), role + " publishes the HTTP port " + httpPort);
            assertTrue(docs.contains("http://127.0.0.1:" + published.split(":")[1]),
                    "the docs give the " + role + "'s published address " + published);
        }
        assertTrue(services.get("tasklane-gateway").get("environment").toString().contains("TASKLANE_SECURITY_JWT_SECRET"),
                "the gateway checks tokens");
        assertTrue(docs.contains("docker compose -f docker-compose.temporal.yml --profile tasklane up -d --build"),
                "the docs give the command that starts the whole stack");
    }

    @Test
    void eachSystemdUnitStartsItsRoleWithADocumentedEnvironment() throws IOException {
        for (String role : List.of("gateway", "worker")) {
            String unit = Files.readString(ROOT.resolve("deploy/systemd/tasklane-" + role + ".service"));
            assertTrue(unit.contains("-jar /opt/tasklane/tasklane.jar " + role + "\n"), role + " unit starts " + role);
            assertTrue(unit.contains("EnvironmentFile=/etc/tasklane/tasklane.env"));
            assertTrue(docs.contains("tasklane-" + role + ".service"), "the docs explain the " + role + " unit");
        }
        for (String line : Files.readAllLines(ROOT.resolve("deploy/systemd/tasklane.env"))) {
            String setting = line.replaceFirst("^#", "");
            if (setting.contains("=") && !line.startsWith("# ")) {
                String variable = setting.substring(0, setting.indexOf('='));
                assertTrue(docs.contains("`" + variable + "`"), "the docs document " + variable);
            }
        }
    }
}
