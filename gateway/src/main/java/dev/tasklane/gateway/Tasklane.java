package dev.tasklane.gateway;

import dev.tasklane.gateway.security.TokenCommand;
import dev.tasklane.gateway.temporal.TemporalCli;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextConfiguration;
import io.micronaut.context.env.CommandLinePropertySource;
import io.micronaut.context.env.DefaultEnvironment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.runtime.Micronaut;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Starts Tasklane in the role named by the first argument ({@code all}, {@code gateway} or {@code worker}), prints
 * the usage for {@code --help}, or with {@code token …} mints a bearer token and exits. Before a start it takes the
 * data directory's lock when it will use that directory, so a second process on it stops with one line, and in
 * role all it finds the Temporal CLI or stops with one line saying how to get it.
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
                Preflight preflight = Preflight.of(arguments, properties);
                if (preflight.missingCli() != null) {
                    err.println(preflight.missingCli());
                    return 1;
                }
                if (preflight.dataDir() != null) {
                    try {
                        HELD.add(DataDirLock.acquire(preflight.dataDir()));
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

    /**
     * What a start needs that is checked before it: the data directory to lock, if the process will use one (role
     * all: keys, dev token, Temporal's state; or an H2 file store), and, in role all without a Temporal address, the
     * Temporal CLI (its absence is one line to print).
     */
    private record Preflight(Path dataDir, String missingCli) {

        /** Reads the configuration alone (no bean context, whose making would cost the start a second). */
        static Preflight of(String[] args, Map<String, Object> properties) {
            try (DefaultEnvironment environment = new DefaultEnvironment(ConfigurationOnly.INSTANCE)) {
                environment.addPropertySource(new CommandLinePropertySource(
                        io.micronaut.core.cli.CommandLine.parse(args)));
                environment.addPropertySource(PropertySource.of("tasklane-command", properties,
                        CommandLinePropertySource.POSITION));
                environment.start();
                boolean all = environment.getProperty("tasklane.role", String.class, "all")
                        .toLowerCase(Locale.ROOT).equals("all");
                boolean h2File = environment.getProperty("datasources.default.url", String.class, "")
                        .toLowerCase(Locale.ROOT).startsWith("jdbc:h2:file:");
                Path dataDir = all || h2File
                        ? Path.of(environment.getRequiredProperty("tasklane.data-dir", String.class)) : null;
                boolean startsDevServer = all
                        && environment.getProperty("tasklane.temporal.address", String.class, "").isBlank();
                String missingCli = null;
                if (startsDevServer) {
                    try {
                        TemporalCli.find(environment.getProperty("tasklane.temporal.dev-server.cli", String.class,
                                ""));
                    } catch (TemporalCli.Missing e) {
                        missingCli = e.getMessage();
                    }
                }
                return new Preflight(dataDir, missingCli);
            }
        }
    }

    /** How the preflight reads the configuration: its files and sources, with no environment deduced. */
    private enum ConfigurationOnly implements ApplicationContextConfiguration {
        INSTANCE;

        @Override
        public List<String> getEnvironments() {
            return List.of();
        }

        @Override
        public Optional<Boolean> getDeduceEnvironments() {
            return Optional.of(false);
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
