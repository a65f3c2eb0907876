package dev.tasklane.gateway.security;

import dev.tasklane.store.task.TaskRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;

import java.util.List;
import java.util.Set;

/**
 * Who is calling: the token's subject (the owner of what they submit), their tenant and their widened roles.
 *
 * @param subject the token's {@code sub}
 * @param tenant  the tenant every query of theirs is scoped to
 * @param roles   their roles, widened (an ADMIN is also MANAGER and USER)
 */
public record Caller(String subject, String tenant, Set<String> roles) {

    /** The authentication attribute that carries the tenant. */
    public static final String TENANT_ATTRIBUTE = "tenant";

    /** An ADMIN of {@code tenant} acting as {@code subject}, for work the platform does on a tenant's behalf. */
    public static Caller admin(String subject, String tenant) {
        return new Caller(subject, tenant, Roles.widen(List.of(Roles.ADMIN)));
    }

    public static Caller of(Authentication authentication) {
        return new Caller(authentication.getName(), (String) authentication.getAttributes().get(TENANT_ATTRIBUTE),
                Set.copyOf(authentication.getRoles()));
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    /** Whether they see every task of their tenant, not only their own. */
    public boolean seesWholeTenant() {
        return has(Roles.MANAGER);
    }

    /** The owner their listings and streams are narrowed to, or null when they see the whole tenant. */
    @Nullable
    public String ownerScope() {
        return seesWholeTenant() ? null : subject;
    }

    /** Whether the task is theirs to see; another tenant's task or another user's is not. */
    public boolean canSee(TaskRow task) {
        return canSee(task.tenant(), task.owner());
    }

    /** Whether what {@code owner} of {@code tenant} stored (a task, a document) is theirs to see. */
    public boolean canSee(String tenant, String owner) {
        return this.tenant.equals(tenant) && (seesWholeTenant() || owner.equals(subject));
    }
}
