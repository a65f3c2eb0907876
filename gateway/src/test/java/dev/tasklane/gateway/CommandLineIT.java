package dev.tasklane.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The built jar asked for help, or given an argument it does not know, answers and leaves its directory as it was. */
class CommandLineIT {

    @TempDir
    Path workingDir;

    private record Run(int exit, String out, String err) {
    }

    private Run run(String argument) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("tasklane.jar", "target/tasklane.jar")).toAbsolutePath();
        Path out = Files.createTempFile("tasklane-out", ".txt");
        Path err = Files.createTempFile("tasklane-err", ".txt");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), argument).directory(workingDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the jar answers " + argument + " and exits");
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private List<Path> created() throws IOException {
        try (Stream<Path> files = Files.list(workingDir)) {
            return files.toList();
        }
    }

    @Test
    void helpPrintsTheUsageAndExitsWithoutCreatingAnything() throws Exception {
        Run help = run("--help");

        assertEquals(0, help.exit(), help.err());
        assertTrue(help.out().startsWith("usage: java -jar tasklane.jar [all|gateway|worker]"), help.out());
        assertEquals(List.of(), created());
    }

    @Test
    void anUnknownArgumentIsAnErrorWithAHintAndCreatesNothing() throws Exception {
        Run unknown = run("--verbose");

        assertEquals(2, unknown.exit());
        assertEquals("unknown argument '--verbose': settings are given as --name=value\n" + CommandLine.HINT + "\n",
                unknown.err());
        assertEquals(List.of(), created());
    }
}
