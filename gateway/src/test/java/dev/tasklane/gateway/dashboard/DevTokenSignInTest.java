package dev.tasklane.gateway.dashboard;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** On a single-machine install with nothing configured, the page signs in with the dev token by itself. */
class DevTokenSignInTest {

    @TempDir
    Path dataDir;

    @Test
    void aBrowserOnTheSameMachineIsSignedInAsTheDevAdmin() {
        Map<String, Object> freshInstall = Map.of("tasklane.role", "all", "tasklane.data-dir", dataDir.toString(),
                "datasources.default.url", "jdbc:h2:file:" + dataDir.resolve("tasklane") + ";DB_CLOSE_ON_EXIT=FALSE",
                "micronaut.server.port", -1, "tasklane.temporal.dev-server.port", 0,
                "tasklane.temporal.dev-server.ui-port", -1);
        try (EmbeddedServer server = ApplicationContext.builder().deduceEnvironment(false).properties(freshInstall)
                .run(EmbeddedServer.class);
             Browser browser = Browser.open("http://localhost:" + server.getPort())) {
            browser.go("/");

            browser.until(d -> d.findElement(By.id("who")).getText().equals("dev · tenant default · ADMIN"));
            assertTrue(browser.find("#sign-in").getAttribute("hidden") != null, "no sign-in form was needed");
            browser.find("tr[data-task-id], #task-rows tr.empty");
        }
    }
}
