package dev.tasklane.gateway.dashboard;

import dev.tasklane.gateway.support.ApiWithReceiverTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/** Base of the browser tests: one Chromium per test class, opened on the running gateway before its first test. */
abstract class BrowserApiTest extends ApiWithReceiverTest {

    protected static Browser browser;

    @BeforeEach
    void openBrowser() {
        if (browser == null) {
            browser = Browser.open("http://127.0.0.1:" + server.getPort());
        }
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
