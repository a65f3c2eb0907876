package dev.tasklane.gateway.temporal;

import dev.tasklane.gateway.config.TemporalProperties;
import io.micronaut.context.annotation.Factory;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import jakarta.inject.Singleton;

/** The workflow client every part of the gateway and the worker share. */
@Factory
public class TemporalClientFactory {

    @Singleton
    WorkflowClient workflowClient(TemporalConnection connection, TemporalProperties properties) {
        return WorkflowClient.newInstance(connection.stubs(),
                WorkflowClientOptions.newBuilder().setNamespace(properties.namespace()).build());
    }
}
