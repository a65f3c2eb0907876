package dev.tasklane.gateway.worker;

import dev.tasklane.gateway.tasks.TaskType;
import dev.tasklane.gateway.tasks.TaskTypes;
import dev.tasklane.gateway.tasks.TaskWorkflowDeclaration;
import dev.tasklane.workflows.lifecycle.TaskRun;
import dev.tasklane.workflows.lifecycle.TaskSettings;
import dev.tasklane.workflows.lifecycle.TaskWorkflow;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.metadata.POJOActivityInterfaceMetadata;
import io.temporal.common.metadata.POJOWorkflowImplMetadata;
import io.temporal.common.metadata.POJOWorkflowInterfaceMetadata;
import io.temporal.worker.WorkerFactory;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * A task type's declaration is all it needs: for every declared type, the worker runs its workflow and every activity
 * the workflow can call, its payload and result survive both serializers, and its workflow has the shape Tasklane
 * starts.
 */
@MicronautTest
class TaskTypeDeclarationTest {

    @Inject
    TaskTypes types;

    @Inject
    WorkerRegistration registration;

    @Inject
    WorkflowClient client;

    @Inject
    JsonMapper json;

    @Test
    void theWorkerTakesTheWholeRegistrationWithoutAClashOfNames() {
        WorkerFactory factory = WorkerFactory.newInstance(client);
        for (String queue : registration.servedQueues()) {
            assertDoesNotThrow(() -> registration.registerOn(queue, factory.newWorker("registration-check-" + queue)));
        }
    }

    @TestFactory
    Stream<DynamicTest> everyDeclaredTypeIsRegisteredOnTheWorker() {
        return declared(type -> {
            TaskWorkflowDeclaration<?, ?, ?> workflow = type.workflow();
            assertTrue(registration.workflowImplementations().contains(workflow.implementation()),
                    workflow.implementation() + " is not registered");
            Set<Class<?>> callable = new HashSet<>(ReferencedActivities.of(workflow.implementation()));
            for (Class<?> activities : callable) {
                assertTrue(registration.activityImplementations().stream().anyMatch(activities::isInstance),
                        type.name() + "'s workflow calls " + activities.getSimpleName()
                                + ", which no registered bean implements: declare it on the type");
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> everyActivityAWorkflowCallsIsDeclaredOnItsType() {
        // the lifecycle's activities run for every task; the worker registers them apart from any type
        Set<Class<?>> lifecycle = ReferencedActivities.of(TaskRun.class);
        return declared(type -> {
            Set<Class<?>> undeclared = new HashSet<>(ReferencedActivities.of(type.workflow().implementation()));
            undeclared.removeAll(type.workflow().activities());
            undeclared.removeAll(lifecycle);
            assertEquals(Set.of(), undeclared, type.name() + "'s workflow calls activities its declaration leaves out");
        });
    }

    @TestFactory
    Stream<DynamicTest> everyPayloadAndResultRoundTripsThroughBothSerializers() {
        return declared(type -> {
            for (Class<?> record : List.of(type.workflow().payloadType(), type.workflow().resultType())) {
                Object sample = SampleRecords.of(record);
                assertEquals(sample, throughMicronaut(sample, record), record.getSimpleName() + " through Micronaut");
                assertEquals(sample, throughTemporal(sample, record), record.getSimpleName() + " through Temporal");
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> everyWorkflowHasTheShapeTasklaneStarts() {
        return declared(type -> {
            TaskWorkflowDeclaration<?, ?, ?> workflow = type.workflow();
            POJOWorkflowInterfaceMetadata contract = POJOWorkflowInterfaceMetadata.newInstance(
                    workflow.workflowInterface());
            Method method = contract.getWorkflowMethod().orElseThrow().getWorkflowMethod();
            assertArrayEquals(new Class<?>[]{workflow.payloadType(), TaskSettings.class}, method.getParameterTypes());
            assertEquals(workflow.resultType(), method.getReturnType());
            assertTrue(TaskWorkflow.class.isAssignableFrom(workflow.workflowInterface()));
            assertEquals(type.workflowType(), contract.getWorkflowType().orElseThrow());
            assertDoesNotThrow(() -> POJOWorkflowImplMetadata.newInstance(workflow.implementation()));
            workflow.activities().forEach(activities -> assertDoesNotThrow(
                    () -> POJOActivityInterfaceMetadata.newInstance(activities)));
        });
    }

    private Stream<DynamicTest> declared(Check check) {
        return types.all().stream().map(type -> dynamicTest(type.name(), () -> check.on(type)));
    }

    private Object throughMicronaut(Object sample, Class<?> type) throws IOException {
        return json.readValue(json.writeValueAsBytes(sample), type);
    }

    private Object throughTemporal(Object sample, Class<?> type) {
        DataConverter converter = client.getOptions().getDataConverter();
        return converter.fromPayload(converter.toPayload(sample).orElseThrow(), type, type);
    }

    private interface Check {
        void on(TaskType<?> type) throws Exception;
    }
}
