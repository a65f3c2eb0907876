package dev.tasklane.gateway.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The access roles, each including the ones below it: {@code ADMIN} ⊃ {@code MANAGER} ⊃ {@code USER}. Endpoints
 * name the least role they need with {@code @Secured}; a token's roles are widened to what they include.
 */
public final class Roles {

    /** Submits tasks and sees, streams, cancels and retries their own. */
    public static final String USER = "USER";
    /** Sees and acts on every task of the tenant; submits privileged task types. */
    public static final String MANAGER = "MANAGER";
    /** All of that plus the tenant's operations: deletes, cleanup, queue pause, schedules. */
    public static final String ADMIN = "ADMIN";

    private static final List<String> ASCENDING = List.of(USER, MANAGER, ADMIN);

    private Roles() {
    }

    /** The known roles {@code granted} names (any case), with every role they include; unknown names are dropped. */
    public static Set<String> widen(Collection<String> granted) {
        int highest = -1;
        for (String role : granted) {
            highest = Math.max(highest, ASCENDING.indexOf(role.trim().toUpperCase(Locale.ROOT)));
        }
        return new LinkedHashSet<>(ASCENDING.subList(0, highest + 1));
    }
}
