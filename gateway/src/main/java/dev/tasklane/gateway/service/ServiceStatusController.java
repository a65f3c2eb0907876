package dev.tasklane.gateway.service;

import dev.tasklane.gateway.config.Role;
import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.gateway.config.TasklaneProperties;
import dev.tasklane.gateway.config.TemporalProperties;
import dev.tasklane.gateway.openapi.CommonProblems;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.gateway.security.Roles;
import dev.tasklane.gateway.temporal.TemporalConnection;
import dev.tasklane.gateway.worker.WorkerHost;
import dev.tasklane.store.task.TaskCatalog;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/**
 * {@code GET /api/service/status}: what this process is and how much of the caller's work is in flight: their
 * tenant's for a MANAGER, their own for a USER.
 */
@Tag(name = "operations")
@CommonProblems
@Controller("/api/service/status")
@Secured(Roles.USER)
@ServesApi
@ExecuteOn(TaskExecutors.BLOCKING)
public class ServiceStatusController {

    /** Where Temporal is: its frontend, whether this process runs it (the dev server), and its Web UI if known. */
    @Serdeable
    public record TemporalView(String target, boolean devServer, String namespace, String taskQueue,
                               @Nullable String webUiUrl) {
    }

    /** The workers this process knows of. */
    @Serdeable
    public record WorkersView(boolean inThisProcess, boolean running) {
    }

    /** The status document. */
    @Serdeable
    public record ServiceStatus(boolean running, Role role, TemporalView temporal, long activeTasks, long queuedTasks,
                                WorkersView workers) {
    }

    private final TasklaneProperties tasklane;
    private final TemporalProperties temporalProperties;
    private final TemporalConnection temporal;
    private final TaskCatalog catalog;
    private final BeanProvider<WorkerHost> workerHost;

    public ServiceStatusController(TasklaneProperties tasklane, TemporalProperties temporalProperties,
                                   TemporalConnection temporal, TaskCatalog catalog, BeanProvider<WorkerHost> workerHost) {
        this.tasklane = tasklane;
        this.temporalProperties = temporalProperties;
        this.temporal = temporal;
        this.catalog = catalog;
        this.workerHost = workerHost;
    }

    @Operation(operationId = "getServiceStatus", summary = "The service: role, Temporal, tasks and workers.")
    @Get
    public ServiceStatus status(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        boolean local = workerHost.isPresent();
        return new ServiceStatus(true, tasklane.role(),
                new TemporalView(temporal.target(), temporal.devServer().isPresent(), temporalProperties.namespace(),
                        temporalProperties.taskQueue(), temporal.webUiUrl().orElse(null)),
                catalog.count(caller.tenant(), caller.ownerScope(), List.of(TaskStatus.RUNNING, TaskStatus.RETRYING)),
                catalog.count(caller.tenant(), caller.ownerScope(), List.of(TaskStatus.QUEUED, TaskStatus.WAITING,
                        TaskStatus.SCHEDULED)),
                new WorkersView(local, local && workerHost.get().isRunning()));
    }
}
