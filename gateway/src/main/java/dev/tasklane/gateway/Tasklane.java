package dev.tasklane.gateway;

import dev.tasklane.gateway.security.TokenCommand;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.Micronaut;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Starts Tasklane in the role named by the first argument ({@code all}, {@code gateway} or {@code worker}), prints
 * the usage for {@code --help}, or with {@code token …} mints a bearer token and exits. Before a start it takes the
 * data directory's lock when it will use that directory, so a second process on it stops with one line.
 * With {@code -Dtasklane.exit-after-start=true} it stops once started: the build runs it so to record the
 * class-data archive that makes later starts fast.
 */
public final class Tasklane {

    /** What {@link #launch} returns once Tasklane runs: the process goes on. */
    static final int RUNNING = -1;

    /** Starts the application with the arguments and the properties the command line sets. */
    @FunctionalInterface
    interface Starter {
        void start(String[] args, Map<String, Object> properties);
    }

    private static final List<DataDirLock> HELD = new ArrayList<>(1);

    private Tasklane() {
    }

    public static void main(String[] args) {
        int exit = launch(List.of(args), System.out, System.err, Tasklane::startMicronaut);
        if (exit != RUNNING) {
            System.exit(exit);
        }
    }

    /** Does what {@code args} ask; returns the exit code, or {@link #RUNNING} once {@code starter} started Tasklane. */
    static int launch(List<String> args, PrintStream out, PrintStream err, Starter starter) {
        CommandLine command = CommandLine.parse(args);
        switch (command.action()) {
            case HELP -> {
                out.print(CommandLine.USAGE);
                return 0;
            }
            case MISTAKE -> {
                err.println(command.mistake());
                err.println(CommandLine.HINT);
                return 2;
            }
            case TOKEN -> {
                return TokenCommand.run(command.rest(), out, err);
            }
            default -> {
                Map<String, Object> properties = command.role() == null ? Map.of()
                        : Map.of("tasklane.role", command.role());
                String[] arguments = args.toArray(String[]::new);
                Path dataDir = dataDirToLock(arguments, properties);
                if (dataDir != null) {
                    try {
                        HELD.add(DataDirLock.acquire(dataDir));
                    } catch (DataDirLock.InUse e) {
                        err.println(e.getMessage());
                        return 1;
                    } catch (UncheckedIOException e) {
                        err.println(e.getMessage() + ": " + e.getCause());
                        return 1;
                    }
                }
                starter.start(arguments, properties);
                return RUNNING;
            }
        }
    }

    /** The data directory the process will use, if it will: role all (keys, dev token) or an H2 file store. */
    private static Path dataDirToLock(String[] args, Map<String, Object> properties) {
        try (ApplicationContext context = ApplicationContext.builder().args(args).properties(properties)
                .deduceEnvironment(false).build()) {
            Environment environment = context.getEnvironment();
            environment.start();
            boolean all = environment.getProperty("tasklane.role", String.class, "all")
                    .toLowerCase(Locale.ROOT).equals("all");
            boolean h2File = environment.getProperty("datasources.default.url", String.class, "")
                    .toLowerCase(Locale.ROOT).startsWith("jdbc:h2:file:");
            return all || h2File ? Path.of(environment.getRequiredProperty("tasklane.data-dir", String.class)) : null;
        }
    }

    private static void startMicronaut(String[] args, Map<String, Object> properties) {
        ApplicationContext context = Micronaut.build(args).mainClass(Tasklane.class).banner(false)
                .properties(properties).start();
        if (Boolean.getBoolean("tasklane.exit-after-start")) {
            context.close();
            System.exit(0);
        }
    }
}
