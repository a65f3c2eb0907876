package dev.tasklane.gateway.security;

import dev.tasklane.activities.secrets.SecretBox;
import dev.tasklane.activities.testing.SyncSourceServer;
import dev.tasklane.activities.testing.WebhookReceiver.Received;
import dev.tasklane.activities.testing.WebhookReceiver.Reply;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Tokens;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every header a submission sets is sealed unless it is a known non-secret one: whatever a credential header is
 * called, the receiver gets it in clear and the views, the export and the store never hold it in clear.
 */
@MicronautTest(transactional = false)
class HeaderSealingTest extends ApiWithReceiverTest {

    private static final String API_KEY = "api-key-do-not-leak-1207";
    private static final String ACCESS_TOKEN = "access-token-do-not-leak-3344";

    @Inject
    JdbcOperations jdbc;
    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    SecretBox secrets;

    private SyncSourceServer source;

    @AfterEach
    void stopSource() {
        if (source != null) {
            source.close();
        }
    }

    private String delivery(String key) {
        return """
                {"type":"webhook-delivery","idempotencyKey":"%s","payload":{"url":"%s",
                 "headers":{"Api-Key":"%s","X-Access-Token":"%s","Accept-Language":"de-CH"},"body":{"order":7}}}"""
                .formatted(key, receiver.url("/headers"), API_KEY, ACCESS_TOKEN);
    }

    private String storedInput(String id) {
        return storedInput("task", id);
    }

    private String storedInput(String table, String id) {
        return transactions.executeRead(s -> jdbc.prepareStatement("SELECT input_json FROM " + table + " WHERE id = ?",
                statement -> {
                    statement.setString(1, id);
                    ResultSet row = statement.executeQuery();
                    row.next();
                    return row.getString(1);
                }));
    }

    /** Puts the row back as an earlier version stored it: the API key and access token in clear. */
    private void storeAsBefore(String table, String id) {
        String inputJson = storedInput(table, id).replace(secrets.seal(API_KEY), API_KEY)
                .replace(secrets.seal(ACCESS_TOKEN), ACCESS_TOKEN);
        assertTrue(inputJson.contains(API_KEY), inputJson);
        transactions.executeWrite(s -> jdbc.prepareStatement("UPDATE " + table + " SET input_json = ? WHERE id = ?",
                statement -> {
                    statement.setString(1, inputJson);
                    statement.setString(2, id);
                    return statement.executeUpdate();
                }));
        assertTrue(storedInput(table, id).contains(API_KEY), "the row is as an earlier version stored it");
    }

    private static void assertNoClearCredential(String seen) {
        assertFalse(seen.contains(API_KEY), seen);
        assertFalse(seen.contains(ACCESS_TOKEN), seen);
    }

    @Test
    void aWebhooksApiKeyAndAccessTokenReachTheReceiverAndAreRedactedInViewListAndExportAndSealedInTheStore() {
        Api as = api.as(Tokens.of("hank", "headers-webhook", "ADMIN"));
        Api.Response submitted = as.post("/api/tasks", delivery("sealed-headers"));
        assertEquals(202, submitted.status(), submitted.text());
        String id = submitted.field("id");

        Api.Response done = as.awaitStatus(id, "COMPLETED");

        Received received = receiver.requests().get(0);
        assertEquals(API_KEY, received.header("Api-Key"));
        assertEquals(ACCESS_TOKEN, received.header("X-Access-Token"));
        assertEquals("de-CH", received.header("Accept-Language"));
        JsonNode headers = done.json().get("payload").get("headers");
        assertEquals(SecretBox.REDACTED, headers.get("Api-Key").getStringValue());
        assertEquals(SecretBox.REDACTED, headers.get("X-Access-Token").getStringValue());
        assertEquals("de-CH", headers.get("Accept-Language").getStringValue(), "a known non-secret header stays");
        Api.Response list = as.get("/api/tasks");
        Api.Response export = as.get("/api/tasks/export");
        assertTrue(list.text().contains(id) && export.text().contains(id), export.text());
        String stored = storedInput(id);
        for (String seen : List.of(submitted.text(), done.text(), list.text(), export.text(), stored)) {
            assertNoClearCredential(seen);
        }
        assertTrue(stored.contains(SecretBox.PREFIX), stored);
    }

    @Test
    void aSyncSourcesHeadersAreSealedLikewise() {
        source = SyncSourceServer.serving(SyncSourceServer.contractors(30)).requireHeader("X-Access-Token", ACCESS_TOKEN);
        Api as = api.as(Tokens.of("sam", "headers-sync", "MANAGER"));
        Api.Response submitted = as.post("/api/tasks/contractors-sync", """
                {"source":{"url":"%s","headers":{"X-Access-Token":"%s"}}}""".formatted(source.url("page"), ACCESS_TOKEN));
        assertEquals(202, submitted.status(), submitted.text());
        String id = submitted.field("id");

        Api.Response done = as.awaitStatus(id, "COMPLETED");

        assertEquals(30, done.json().get("result").get("created").getLongValue(), "the source took the clear token");
        assertEquals(SecretBox.REDACTED,
                done.json().get("payload").get("source").get("headers").get("X-Access-Token").getStringValue());
        String stored = storedInput(id);
        for (String seen : List.of(done.text(), as.get("/api/tasks").text(), as.get("/api/tasks/export").text(),
                stored)) {
            assertNoClearCredential(seen);
        }
        assertTrue(stored.contains(SecretBox.PREFIX), stored);
    }

    @Test
    void aTaskStoredWhileSuchHeadersWereKeptInClearIsShownRedactedAndItsRepeatStillMatches() {
        Api as = api.as(Tokens.of("olga", "headers-old", "ADMIN"));
        String id = as.post("/api/tasks", delivery("stored-before")).field("id");
        as.awaitStatus(id, "COMPLETED");
        storeAsBefore("task", id);

        Api.Response view = as.get("/api/tasks/" + id);
        Api.Response repeated = as.post("/api/tasks", delivery("stored-before"));

        assertNoClearCredential(view.text());
        assertNoClearCredential(as.get("/api/tasks/export").text());
        assertEquals(200, repeated.status(), repeated.text());
        assertEquals(id, repeated.field("id"));
        assertNoClearCredential(repeated.text());
    }

    @Test
    void aRetryOfATaskStoredWithClearHeadersSendsThemAndStoresThemSealed() {
        receiver.replyInOrder(Reply.status(400)).otherwise(Reply.status(200));
        Api as = api.as(Tokens.of("rita", "headers-retry", "USER"));
        String id = as.post("/api/tasks", delivery("retried").replace(",\"idempotencyKey\":\"retried\"", ""))
                .field("id");
        as.awaitStatus(id, "FAILED");
        storeAsBefore("task", id);

        Api.Response retried = as.post("/api/tasks/" + id + "/retry", "");

        assertEquals(202, retried.status(), retried.text());
        as.awaitStatus(retried.field("id"), "COMPLETED");
        assertEquals(API_KEY, receiver.requests().get(1).header("Api-Key"));
        assertNoClearCredential(storedInput(retried.field("id")));
    }

    @Test
    void aScheduleStoredWithClearHeadersShowsThemRedactedAndItsRunsStoreThemSealed() {
        Api as = api.as(Tokens.of("sid", "headers-schedule", "ADMIN"));
        Api.Response created = as.post("/api/schedules", """
                {"name":"keyed-ping","cron":"daily","taskType":"webhook-delivery",
                 "payload":{"url":"%s","headers":{"Api-Key":"%s","X-Access-Token":"%s"}}}"""
                .formatted(receiver.url("/scheduled"), API_KEY, ACCESS_TOKEN));
        assertEquals(201, created.status(), created.text());
        storeAsBefore("schedule", created.field("id"));

        Api.Response view = as.get("/api/schedules/keyed-ping");
        Api.Response run = as.post("/api/schedules/keyed-ping/trigger", "");

        assertEquals(SecretBox.REDACTED, view.json().get("payload").get("headers").get("Api-Key").getStringValue());
        assertEquals(202, run.status(), run.text());
        as.awaitStatus(run.field("id"), "COMPLETED");
        assertEquals(API_KEY, receiver.requests().get(0).header("Api-Key"));
        assertNoClearCredential(storedInput(run.field("id")));
    }
}
