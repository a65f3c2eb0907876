package dev.tasklane.workflows.lifecycle;

import java.util.Map;

/**
 * The static details the Temporal Web UI shows for a task, as markdown: whose it is and its priority, then the facts
 * its type and submission add, each value as code so that no name or URL a client chose renders as a link or markup.
 */
public final class TaskDetails {

    private TaskDetails() {
    }

    /**
     * The details of a {@code type} task; {@code facts} (label to value, in order) must hold no credential. A tenant or
     * owner that is not known (null) is left out.
     */
    public static String of(String type, String tenant, String owner, TaskPriority priority,
                            Map<String, String> facts) {
        StringBuilder text = new StringBuilder("**").append(type).append("** task");
        if (tenant != null) {
            text.append(" of tenant ").append(code(tenant));
        }
        if (owner != null) {
            text.append(", submitted by ").append(code(owner));
        }
        text.append(", priority ").append(priority).append('\n');
        facts.forEach((label, value) -> text.append("\n- ").append(label).append(": ").append(code(value)));
        return text.toString();
    }

    private static String code(String value) {
        return "`" + value.replace('`', '\'').replace('\n', ' ') + "`";
    }
}
