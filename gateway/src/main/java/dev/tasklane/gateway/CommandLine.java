package dev.tasklane.gateway;

import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Set;

/**
 * What the jar's arguments ask for: the usage, a token, a start in a role, or nothing it understands (with the line
 * that says so). Besides the role, a start takes only settings in the form {@code --name=value}.
 *
 * @param action  what to do
 * @param role    the role named, or null to take it from the configuration
 * @param rest    the arguments after the role or {@code token}
 * @param mistake for {@link Action#MISTAKE}, the argument not understood and why
 */
record CommandLine(Action action, @Nullable String role, List<String> rest, @Nullable String mistake) {

    /** The four things the arguments can ask for. */
    enum Action { HELP, TOKEN, START, MISTAKE }

    static final String HINT = "run with --help to see the usage";

    static final String USAGE = """
            usage: java -jar tasklane.jar [all|gateway|worker] [--name=value ...]
                   java -jar tasklane.jar token --subject <sub> --tenant <tenant> [--roles USER,MANAGER,ADMIN] [--ttl 8h]
                   java -jar tasklane.jar --help

            roles:
              all       (default) Temporal's dev server (the Temporal CLI) as a child unless TEMPORAL_ADDRESS is set,
                        the worker and the HTTP API; HTTP on 127.0.0.1 unless TASKLANE_HTTP_HOST says otherwise
              gateway   the HTTP API only, against TEMPORAL_ADDRESS
              worker    workflows and activities only; HTTP serves /health and /prometheus

            token: mints a bearer token with the configured secret (or the one role all generated) and prints it.

            environment (docs/configuration.md lists every setting):
              TASKLANE_ROLE                   the role when none is named (all)
              TASKLANE_HTTP_PORT              HTTP port (8080)
              TASKLANE_HTTP_HOST              address the HTTP server binds (role all: 127.0.0.1; others: all)
              TASKLANE_DATA_DIR               H2 store, Temporal's state, keys and dev token (./data); one process each
              DATASOURCES_DEFAULT_URL         the task store, e.g. jdbc:postgresql://host:5432/db (H2 in the data dir)
              TEMPORAL_ADDRESS                host:port of a running Temporal (empty: role all starts the dev server)
              TASKLANE_TEMPORAL_CLI           the Temporal CLI to run (the build's pinned copy, then PATH)
              TASKLANE_TEMPORAL_PORT          the dev server's gRPC port on 127.0.0.1 (7233); its Web UI: 8233
              TASKLANE_SECURITY_JWT_SECRET    shared HS256 token secret (generated in the data dir when unset)
              TASKLANE_SECURITY_JWKS_URL      an identity provider's JWKS, instead of or beside the secret
              TASKLANE_SECURITY_ENCRYPTION_KEY  sealing key for task secrets, 32 bytes base64 (generated when unset)
            """;

    private static final Set<String> ROLES = Set.of("all", "gateway", "worker");
    private static final Set<String> HELP = Set.of("--help", "-h", "help");

    /** Reads {@code args}; never throws. */
    static CommandLine parse(List<String> args) {
        if (args.stream().anyMatch(HELP::contains)) {
            return new CommandLine(Action.HELP, null, List.of(), null);
        }
        if (args.isEmpty()) {
            return new CommandLine(Action.START, null, List.of(), null);
        }
        String first = args.get(0);
        if (first.equals("token")) {
            return new CommandLine(Action.TOKEN, null, args.subList(1, args.size()), null);
        }
        boolean named = ROLES.contains(first);
        List<String> settings = named ? args.subList(1, args.size()) : args;
        for (String argument : settings) {
            if (!isSetting(argument)) {
                String why = ROLES.contains(argument) ? "the role comes first, once"
                        : argument.startsWith("-") ? "settings are given as --name=value"
                        : "the role is all, gateway or worker";
                return new CommandLine(Action.MISTAKE, null, List.of(),
                        "unknown argument '" + argument + "': " + why);
            }
        }
        return new CommandLine(Action.START, named ? first : null, settings, null);
    }

    private static boolean isSetting(String argument) {
        return argument.startsWith("--") && argument.indexOf('=') > 2;
    }
}
