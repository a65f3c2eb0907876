package dev.tasklane.gateway.dashboard;

import dev.tasklane.gateway.support.FreshInstall;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** On a single-machine install with nothing configured, the page signs in with the dev token by itself. */
class DevTokenSignInTest {

    @TempDir
    Path dataDir;

    @Test
    void aBrowserOnTheSameMachineIsSignedInAsTheDevAdmin() {
        try (EmbeddedServer server = FreshInstall.start(FreshInstall.properties("all", dataDir));
             Browser browser = Browser.open("http://localhost:" + server.getPort())) {
            browser.go("/");

            browser.until(d -> d.findElement(By.id("who")).getText().equals("dev · tenant default · ADMIN"));
            assertTrue(browser.find("#sign-in").getAttribute("hidden") != null, "no sign-in form was needed");
            browser.find("tr[data-task-id], #task-rows tr.empty");
        }
    }
}
