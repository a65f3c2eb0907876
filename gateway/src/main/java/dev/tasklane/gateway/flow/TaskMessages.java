package dev.tasklane.gateway.flow;

import dev.tasklane.gateway.config.TemporalProperties;
import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.problem.ProblemException;
import dev.tasklane.gateway.problem.ProblemType;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.gateway.security.Roles;
import dev.tasklane.gateway.tasks.PayloadSchema;
import dev.tasklane.gateway.tasks.TaskType;
import dev.tasklane.gateway.tasks.TaskTypes;
import dev.tasklane.gateway.tasks.VisibleTasks;
import dev.tasklane.store.task.TaskRow;
import dev.tasklane.workflows.lifecycle.TaskProgress;
import dev.tasklane.workflows.lifecycle.TaskRun;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import dev.tasklane.workflows.lifecycle.TaskWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.UpdateWorkflowExecutionLifecycleStage;
import io.temporal.api.query.v1.WorkflowQuery;
import io.temporal.api.update.v1.Input;
import io.temporal.api.update.v1.Meta;
import io.temporal.api.update.v1.Outcome;
import io.temporal.api.update.v1.Request;
import io.temporal.api.update.v1.WaitPolicy;
import io.temporal.api.workflowservice.v1.QueryWorkflowRequest;
import io.temporal.api.workflowservice.v1.SignalWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.UpdateWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverter;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Sends the signals, queries and updates a task's type declares to its workflow for the REST API: the caller must see
 * the task and hold the message's role, the task must be in a state that takes it, and its body is checked field by
 * field like a submission's. A query or update waits for a worker a few seconds at most, then answers 503.
 */
@Singleton
public class TaskMessages {

    static final Duration SIGNAL_WAIT = Duration.ofSeconds(5);
    static final Duration QUERY_WAIT = Duration.ofSeconds(3);
    static final Duration UPDATE_WAIT = Duration.ofSeconds(10);

    /** What every task answers: its progress as its workflow knows it. */
    private static final TaskMessage<Record> PROGRESS = TaskMessage.query(TaskWorkflow.PROGRESS_QUERY,
            "The task's progress as its workflow knows it, asked of a worker.", TaskProgress.class);

    private final TaskTypes types;
    private final VisibleTasks visible;
    private final WorkflowClient client;
    private final TemporalProperties temporal;
    private final JsonMapper json;

    public TaskMessages(TaskTypes types, VisibleTasks visible, WorkflowClient client, TemporalProperties temporal,
                        JsonMapper json) {
        this.types = types;
        this.visible = visible;
        this.client = client;
        this.temporal = temporal;
        this.json = json;
    }

    /**
     * What a MANAGER sends a task waiting for intake or for room under a limit, after resuming intake or raising a
     * limit: it asks again now instead of at its next check.
     */
    private static final TaskMessage<Record> ASK_AGAIN = TaskMessage.signal(TaskRun.ASK_AGAIN,
            "Makes a task waiting for intake or for room under a limit ask again now.", Roles.MANAGER,
            Set.of(TaskStatus.QUEUED, TaskStatus.WAITING));

    /** The messages tasks of {@code type} take: the progress query and the ask-again signal, then the type's own. */
    public List<TaskMessage<?>> of(TaskType<?> type) {
        List<TaskMessage<?>> all = new ArrayList<>();
        all.add(PROGRESS);
        all.add(ASK_AGAIN);
        all.addAll(type.messages());
        return all;
    }

    /** Sends the {@code kind} called {@code name} with {@code body} to task {@code taskId}; what it answered. */
    public @Nullable Object send(String taskId, TaskMessage.Kind kind, String name, @Nullable JsonNode body,
                                 Caller caller) {
        TaskRow task = visible.find(taskId, caller);
        TaskType<?> type = types.require(task.type());
        List<TaskMessage<?>> taken = of(type).stream().filter(message -> message.kind() == kind).toList();
        TaskMessage<?> message = taken.stream().filter(candidate -> candidate.name().equals(name)).findFirst()
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "tasks of type " + type.name()
                        + " take no " + kind.name().toLowerCase() + " '" + name + "'; they take "
                        + (taken.isEmpty() ? "none" : taken.stream().map(TaskMessage::name)
                        .collect(Collectors.joining(", ")))));
        if (!caller.has(message.requiredRole())) {
            throw new ProblemException(ProblemType.FORBIDDEN, "'" + name + "' needs role " + message.requiredRole()
                    + "; your token grants " + caller.roles());
        }
        if (!message.statuses().contains(task.status())) {
            throw new ProblemException(ProblemType.TASK_STATE_CONFLICT, "task " + taskId + " is " + task.status()
                    + "; it takes '" + name + "' only while " + message.statuses().stream().map(Enum::name).sorted()
                    .collect(Collectors.joining(", ")));
        }
        Optional<Payloads> argument = argument(message, body, kind == TaskMessage.Kind.QUERY ? null : caller.subject());
        try {
            return switch (kind) {
                case SIGNAL -> signal(task, name, argument, caller);
                case QUERY -> query(task, name, argument);
                case UPDATE -> update(task, name, argument, caller);
            };
        } catch (StatusRuntimeException refused) {
            throw answer(task, kind, name, refused);
        }
    }

    /**
     * The workflow's arguments: the body read into the message's argument record, each fault a 400 naming its field
     * (none without a record), then the {@code sender}'s subject for a signal or update.
     */
    private Optional<Payloads> argument(TaskMessage<?> message, @Nullable JsonNode body, @Nullable String sender) {
        List<Object> arguments = new ArrayList<>();
        boolean empty = body == null || body.isNull() || body.isObject() && body.size() == 0;
        if (message.argumentType() == null && !empty) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "'" + message.name() + "' takes no body");
        }
        try {
            if (message.argumentType() != null) {
                FieldErrors errors = new FieldErrors();
                PayloadSchema.of(message.argumentType()).check(body, "", errors);
                errors.throwIfAny();
                Object argument = json.readValueFromTree(body, message.argumentType());
                message.checkArgument(argument, errors);
                errors.throwIfAny();
                arguments.add(argument);
            }
            if (sender != null) {
                arguments.add(sender);
            }
            return arguments.isEmpty() ? Optional.empty() : converter().toPayloads(arguments.toArray());
        } catch (IOException unreadable) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "the body of '" + message.name()
                    + "' cannot be read: " + unreadable.getMessage());
        }
    }

    private @Nullable Object signal(TaskRow task, String name, Optional<Payloads> argument, Caller caller) {
        SignalWorkflowExecutionRequest.Builder request = SignalWorkflowExecutionRequest.newBuilder()
                .setNamespace(temporal.namespace())
                .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(task.id()))
                .setSignalName(name)
                .setIdentity(caller.subject())
                .setRequestId(UUID.randomUUID().toString());
        argument.ifPresent(request::setInput);
        client.getWorkflowServiceStubs().blockingStub().withDeadlineAfter(SIGNAL_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .signalWorkflowExecution(request.build());
        return null;
    }

    private @Nullable Object query(TaskRow task, String name, Optional<Payloads> argument) {
        WorkflowQuery.Builder query = WorkflowQuery.newBuilder().setQueryType(name);
        argument.ifPresent(query::setQueryArgs);
        Payloads result = client.getWorkflowServiceStubs().blockingStub()
                .withDeadlineAfter(QUERY_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .queryWorkflow(QueryWorkflowRequest.newBuilder()
                        .setNamespace(temporal.namespace())
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(task.id()))
                        .setQuery(query)
                        .build())
                .getQueryResult();
        return converter().fromPayloads(0, Optional.of(result), Object.class, Object.class);
    }

    private @Nullable Object update(TaskRow task, String name, Optional<Payloads> argument, Caller caller) {
        Input.Builder input = Input.newBuilder().setName(name);
        argument.ifPresent(input::setArgs);
        Outcome outcome = client.getWorkflowServiceStubs().blockingStub()
                .withDeadlineAfter(UPDATE_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .updateWorkflowExecution(UpdateWorkflowExecutionRequest.newBuilder()
                        .setNamespace(temporal.namespace())
                        .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(task.id()))
                        .setWaitPolicy(WaitPolicy.newBuilder().setLifecycleStage(
                                UpdateWorkflowExecutionLifecycleStage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED))
                        .setRequest(Request.newBuilder()
                                .setMeta(Meta.newBuilder().setUpdateId(UUID.randomUUID().toString())
                                        .setIdentity(caller.subject()))
                                .setInput(input))
                        .build())
                .getOutcome();
        if (outcome.hasFailure()) {
            throw new ProblemException(ProblemType.TASK_STATE_CONFLICT, "task " + task.id() + " refused '" + name
                    + "': " + outcome.getFailure().getMessage());
        }
        if (!outcome.hasSuccess()) {
            throw new ProblemException(ProblemType.WORKER_UNAVAILABLE, "no worker finished '" + name + "' within "
                    + UPDATE_WAIT.toSeconds() + " s; it may still be applied, so read the task before sending it again");
        }
        return converter().fromPayloads(0, Optional.of(outcome.getSuccess()), Object.class, Object.class);
    }

    private DataConverter converter() {
        return client.getOptions().getDataConverter();
    }

    /** The problem a refusal from Temporal stands for. */
    private static ProblemException answer(TaskRow task, TaskMessage.Kind kind, String name,
                                           StatusRuntimeException refused) {
        Status.Code code = refused.getStatus().getCode();
        if (code == Status.Code.DEADLINE_EXCEEDED) {
            Duration waited = kind == TaskMessage.Kind.QUERY ? QUERY_WAIT
                    : kind == TaskMessage.Kind.UPDATE ? UPDATE_WAIT : SIGNAL_WAIT;
            return new ProblemException(ProblemType.WORKER_UNAVAILABLE, "no answer to '" + name + "' within "
                    + waited.toSeconds() + " s: no worker of task " + task.id() + "'s queue took it; try again later");
        }
        if (code == Status.Code.NOT_FOUND || code == Status.Code.FAILED_PRECONDITION) {
            return new ProblemException(ProblemType.TASK_STATE_CONFLICT, "task " + task.id() + " no longer takes '"
                    + name + "': " + refused.getStatus().getDescription());
        }
        if (code == Status.Code.INVALID_ARGUMENT) {
            return new ProblemException(ProblemType.TASK_STATE_CONFLICT, "task " + task.id() + " refused '" + name
                    + "': " + refused.getStatus().getDescription());
        }
        return new ProblemException(ProblemType.TEMPORAL_UNAVAILABLE, "Temporal did not take '" + name + "' ("
                + refused.getStatus().getDescription() + "); try again later");
    }
}
