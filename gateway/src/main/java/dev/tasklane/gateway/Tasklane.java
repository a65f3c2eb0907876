package dev.tasklane.gateway;

import dev.tasklane.gateway.security.TokenCommand;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Starts Tasklane in the role named by the first argument ({@code all}, {@code gateway} or {@code worker}), or
 * with {@code token …} mints a bearer token and exits.
 * With {@code -Dtasklane.exit-after-start=true} it stops once started: the build runs it so to record the
 * class-data archive that makes later starts fast.
 */
public final class Tasklane {

    private static final Set<String> ROLES = Set.of("all", "gateway", "worker");

    private Tasklane() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("token")) {
            System.exit(TokenCommand.run(List.of(args).subList(1, args.length), System.out, System.err));
        }
        Micronaut micronaut = Micronaut.build(args).mainClass(Tasklane.class).banner(false);
        if (args.length > 0 && ROLES.contains(args[0])) {
            micronaut.properties(Map.of("tasklane.role", args[0]));
        }
        ApplicationContext context = micronaut.start();
        if (Boolean.getBoolean("tasklane.exit-after-start")) {
            context.close();
            System.exit(0);
        }
    }
}
