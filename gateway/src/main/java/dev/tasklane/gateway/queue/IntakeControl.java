package dev.tasklane.gateway.queue;

import dev.tasklane.gateway.config.TasklaneProperties;
import dev.tasklane.gateway.problem.ProblemException;
import dev.tasklane.gateway.problem.ProblemType;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.gateway.security.Roles;
import dev.tasklane.store.intake.Intake;
import dev.tasklane.store.task.TaskRepository;
import dev.tasklane.workflows.lifecycle.TaskRun;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.scheduling.TaskExecutors;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * Pauses and resumes intake for every tenant, so only an ADMIN of the operator tenant may. On resume the tasks waiting
 * at the gate are told at once; any the signal misses ask again within a minute.
 */
@Singleton
public class IntakeControl {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeControl.class);
    private static final int PAGE = 500;

    private final Intake intake;
    private final TaskRepository tasks;
    private final WorkflowClient client;
    private final ExecutorService background;
    private final String operatorTenant;

    public IntakeControl(Intake intake, TaskRepository tasks, WorkflowClient client,
                         @Named(TaskExecutors.BLOCKING) ExecutorService background, TasklaneProperties tasklane) {
        this.intake = intake;
        this.tasks = tasks;
        this.client = client;
        this.background = background;
        this.operatorTenant = tasklane.operatorTenant();
    }

    public Intake.State pause(Caller caller) {
        mayOperate(caller);
        return intake.set(true, caller.subject());
    }

    public Intake.State resume(Caller caller) {
        mayOperate(caller);
        Intake.State resumed = intake.set(false, caller.subject());
        background.execute(this::wakeWaiting);
        return resumed;
    }

    /** Whether the caller runs the platform: an ADMIN of the operator tenant. */
    public boolean isOperator(Caller caller) {
        return caller.has(Roles.ADMIN) && caller.tenant().equals(operatorTenant);
    }

    private void mayOperate(Caller caller) {
        if (!isOperator(caller)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "pausing intake stops every tenant's new tasks, so only"
                    + " an ADMIN of the operator tenant '" + operatorTenant + "' may; your tenant is '"
                    + caller.tenant() + "'");
        }
    }

    /** Signals every QUEUED task; a workflow that is not waiting ignores it. */
    private void wakeWaiting() {
        int[] woken = {0};
        tasks.forEachInStatuses(List.of(TaskStatus.QUEUED.name()), PAGE, task -> {
            try {
                client.newUntypedWorkflowStub(task.id()).signal(TaskRun.INTAKE_RESUMED);
                woken[0]++;
            } catch (RuntimeException notRunning) {
                // not started yet or already gone: it will ask on its own
            }
        });
        LOG.info("intake resumed; told {} waiting tasks", woken[0]);
    }
}
