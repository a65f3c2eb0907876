package dev.tasklane.gateway.temporal;

import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.gateway.config.TemporalProperties;
import dev.tasklane.workflows.lifecycle.TaskSearchAttributes;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.Async;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * On a Temporal Tasklane does not start itself, registers the task search attributes it lacks: a workflow start that
 * names an unregistered attribute is refused. The dev server gets them on its command line instead.
 */
@Singleton
@Requires(property = "tasklane.temporal.address", pattern = ".+")
@ServesApi
public class SearchAttributeRegistration {

    private static final Logger LOG = LoggerFactory.getLogger(SearchAttributeRegistration.class);
    private static final long DEADLINE_SECONDS = 10;

    private final TemporalConnection connection;
    private final TemporalProperties temporal;

    public SearchAttributeRegistration(TemporalConnection connection, TemporalProperties temporal) {
        this.connection = connection;
        this.temporal = temporal;
    }

    /** Runs beside the start, so a Temporal that is down delays nothing; it is logged instead. */
    @EventListener
    @Async(TaskExecutors.BLOCKING)
    void onStartup(StartupEvent started) {
        OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(OperatorServiceStubsOptions.newBuilder()
                .setChannel((io.grpc.ManagedChannel) connection.stubs().getRawChannel()).validateAndBuildWithDefaults());
        try {
            Map<String, IndexedValueType> registered = operator.blockingStub().withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).listSearchAttributes(
                    ListSearchAttributesRequest.newBuilder().setNamespace(temporal.namespace()).build())
                    .getCustomAttributesMap();
            Map<String, IndexedValueType> missing = new LinkedHashMap<>();
            for (SearchAttributeKey<?> key : TaskSearchAttributes.ALL) {
                if (!registered.containsKey(key.getName())) {
                    missing.put(key.getName(), key.getValueType());
                }
            }
            if (!missing.isEmpty()) {
                operator.blockingStub().withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).addSearchAttributes(AddSearchAttributesRequest.newBuilder()
                        .setNamespace(temporal.namespace()).putAllSearchAttributes(missing).build());
                LOG.info("registered the search attributes {} in namespace {}", missing.keySet(), temporal.namespace());
            }
        } catch (StatusRuntimeException e) {
            LOG.error("cannot check or register Tasklane's search attributes {} in namespace {} ({}): register them "
                    + "with `temporal operator search-attribute create`, or task submissions will be refused",
                    TaskSearchAttributes.ALL.stream().map(SearchAttributeKey::getName).toList(),
                    temporal.namespace(), e.getStatus());
        } finally {
            operator.shutdown();
        }
    }
}
