package dev.tasklane.gateway.service;

import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import io.micronaut.context.annotation.Property;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Health follows whether the store answers queries, not whether it hands out connections. */
@MicronautTest
@Property(name = "datasources.default.url", value = "jdbc:h2:mem:store-health;DB_CLOSE_DELAY=-1")
class StoreHealthTest extends ApiWithReceiverTest {

    @Inject
    JdbcOperations jdbc;
    @Inject
    TransactionOperations<Connection> transactions;

    @Test
    void healthIsDownWhileTheStoreFailsQueriesAndUpWhenTheyAnswerAgain() {
        assertEquals("UP", api.get("/health").json().get("details").get("store").get("status").getStringValue());

        execute("ALTER TABLE task_event RENAME TO task_event_away");
        Api.Response failing = api.get("/health");
        execute("ALTER TABLE task_event_away RENAME TO task_event");

        assertEquals(503, failing.status(), failing.text());
        assertEquals("DOWN", failing.field("status"));
        assertEquals("DOWN", failing.json().get("details").get("store").get("status").getStringValue());
        assertEquals("UP", api.get("/health").field("status"));
    }

    private void execute(String sql) {
        transactions.executeWrite(status -> jdbc.prepareStatement(sql, statement -> statement.execute()));
    }
}
