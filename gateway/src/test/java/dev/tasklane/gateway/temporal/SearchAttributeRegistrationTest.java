package dev.tasklane.gateway.temporal;

import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.Await;
import dev.tasklane.gateway.support.StandaloneTemporal;
import dev.tasklane.workflows.lifecycle.TaskSearchAttributes;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.RemoveSearchAttributesRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A gateway on a Temporal that lacks Tasklane's search attributes registers them, and then tasks start there. */
class SearchAttributeRegistrationTest {

    @Test
    void aGatewayRegistersTheSearchAttributesATemporalLacks() {
        List<String> names = TaskSearchAttributes.ALL.stream().map(SearchAttributeKey::getName).toList();
        try (StandaloneTemporal temporal = StandaloneTemporal.start()) {
            OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(
                    OperatorServiceStubsOptions.newBuilder().setTarget(temporal.address()).validateAndBuildWithDefaults());
            try {
                operator.blockingStub().removeSearchAttributes(RemoveSearchAttributesRequest.newBuilder()
                        .setNamespace("default").addAllSearchAttributes(names).build());
                assertEquals(Set.of(), registered(operator, names));

                Map<String, Object> gateway = Map.of("tasklane.role", "gateway",
                        "tasklane.temporal.address", temporal.address(),
                        "datasources.default.url", "jdbc:h2:mem:registration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
                try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, gateway, "test")) {
                    Await.until("the search attributes to be registered", Duration.ofSeconds(30),
                            () -> registered(operator, names), Set.copyOf(names)::equals);
                    Api api = new Api(server, server.getApplicationContext().getBean(JsonMapper.class));
                    assertEquals(202, api.post("/api/tasks", """
                            {"type":"webhook-delivery","payload":{"url":"http://127.0.0.1:1/never"}}""").status());
                }
            } finally {
                operator.shutdownNow();
            }
        }
    }

    private static Set<String> registered(OperatorServiceStubs operator, List<String> names) {
        Set<String> found = operator.blockingStub().listSearchAttributes(ListSearchAttributesRequest.newBuilder()
                .setNamespace("default").build()).getCustomAttributesMap().keySet();
        return names.stream().filter(found::contains).collect(java.util.stream.Collectors.toSet());
    }
}
