package dev.tasklane.gateway.security;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code java -jar tasklane.jar token --subject alice --tenant acme --roles USER [--ttl 8h]}: mints a token
 * with the configured shared secret (or the one a single-machine install generated) and prints it.
 */
public final class TokenCommand {

    static final String USAGE = "usage: token --subject <sub> --tenant <tenant> [--roles USER,MANAGER,ADMIN]"
            + " [--ttl 8h|30m|7d]";
    private static final Set<String> OPTIONS = Set.of("--subject", "--tenant", "--roles", "--ttl");

    private TokenCommand() {
    }

    /** Runs the command; returns the process exit code. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            if (!OPTIONS.contains(args.get(i)) || i + 1 >= args.size()) {
                err.println("unknown or incomplete option '" + args.get(i) + "'\n" + USAGE);
                return 2;
            }
            options.put(args.get(i), args.get(i + 1));
        }
        if (!options.containsKey("--subject") || !options.containsKey("--tenant")) {
            err.println("--subject and --tenant are required\n" + USAGE);
            return 2;
        }
        Duration ttl;
        try {
            ttl = duration(options.getOrDefault("--ttl", "8h"));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage() + "\n" + USAGE);
            return 2;
        }
        List<String> roles = Arrays.stream(options.getOrDefault("--roles", Roles.USER).split(","))
                .map(r -> r.trim().toUpperCase(Locale.ROOT)).toList();
        if (Roles.widen(roles).isEmpty()) {
            err.println("--roles must name USER, MANAGER or ADMIN\n" + USAGE);
            return 2;
        }
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).build()) {
            Environment environment = context.getEnvironment();
            environment.start();
            String secret = environment.getProperty("tasklane.security.jwt-secret", String.class)
                    .filter(s -> !s.isBlank())
                    .or(() -> LocalSecrets.read(Path.of(environment.getRequiredProperty("tasklane.data-dir",
                            String.class)).resolve(LocalSecrets.JWT_SECRET_FILE)))
                    .orElse(null);
            if (secret == null) {
                err.println("no secret to sign with: set TASKLANE_SECURITY_JWT_SECRET, or start Tasklane once in role"
                        + " all so it generates one in its data directory");
                return 1;
            }
            TokenMinter minter = new TokenMinter(secret,
                    environment.getRequiredProperty("tasklane.security.tenant-claim", String.class),
                    environment.getRequiredProperty("tasklane.security.roles-claim", String.class),
                    Clock.systemUTC());
            out.println(minter.mint(options.get("--subject"), options.get("--tenant"), roles, ttl));
            return 0;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private static Duration duration(String text) {
        try {
            if (text.matches("\\d+[smhd]")) {
                long amount = Long.parseLong(text.substring(0, text.length() - 1));
                return switch (text.charAt(text.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--ttl '" + text + "' is not a duration such as 30m, 8h or 7d");
        }
    }
}
