package dev.tasklane.gateway;

import io.micronaut.runtime.Micronaut;

import java.util.Map;
import java.util.Set;

/** Starts Tasklane in the role named by the first argument ({@code all}, {@code gateway} or {@code worker}). */
public final class Tasklane {

    private static final Set<String> ROLES = Set.of("all", "gateway", "worker");

    private Tasklane() {
    }

    public static void main(String[] args) {
        Micronaut micronaut = Micronaut.build(args).mainClass(Tasklane.class);
        if (args.length > 0 && ROLES.contains(args[0])) {
            micronaut.properties(Map.of("tasklane.role", args[0]));
        }
        micronaut.start();
    }
}
