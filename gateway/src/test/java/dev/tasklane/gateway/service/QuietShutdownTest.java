package dev.tasklane.gateway.service;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.FreshInstall;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A single-machine install that is stopped as SIGTERM stops it says nothing alarming on the way down and leaves no dev
 * server behind (work that runs on while beans close must not make them, and a second dev server, anew).
 */
class QuietShutdownTest {

    @TempDir
    Path dataDir;

    @Test
    void stoppingARunningInstanceLogsNoWarnings() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        EmbeddedServer server = FreshInstall.start(FreshInstall.properties("all", dataDir));
        Api api = new Api(server, server.getApplicationContext().getBean(JsonMapper.class));
        assertEquals(200, api.get("/health").status());
        root.addAppender(logged);
        try {
            server.stop();
        } finally {
            root.detachAppender(logged);
        }

        List<String> warnings = logged.list.stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                .map(event -> event.getLoggerName() + ": " + event.getFormattedMessage()
                        + (event.getThrowableProxy() == null ? "" : " " + event.getThrowableProxy().getMessage()))
                .toList();
        assertEquals(List.of(), warnings);
        assertFalse(Files.exists(dataDir.resolve("temporal-server.pid")), "the dev server's pid file is left");
        List<String> left = ProcessHandle.allProcesses().map(process -> process.info().commandLine().orElse(""))
                .filter(command -> command.contains(dataDir.toString())).toList();
        assertEquals(List.of(), left);
    }
}
