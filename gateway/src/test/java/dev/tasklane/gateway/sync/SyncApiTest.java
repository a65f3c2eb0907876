package dev.tasklane.gateway.sync;

import dev.tasklane.activities.outbound.WebhookSigner;
import dev.tasklane.activities.testing.SyncSourceServer;
import dev.tasklane.activities.testing.WebhookReceiver;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Await;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sync task types end to end: submitted over REST, run by the worker against local servers, read back. */
@MicronautTest
class SyncApiTest extends ApiWithReceiverTest {

    private static final LocalDate JANUARY = LocalDate.of(2026, 1, 1);

    private SyncSourceServer source;

    @AfterEach
    void stopSource() {
        if (source != null) {
            source.close();
        }
    }

    @Test
    void bankTransactionsSyncThroughTheTypedEndpointAndReadBackFiltered() {
        source = SyncSourceServer.serving(SyncSourceServer.bankTransactions(5000, JANUARY));
        Api.Response submitted = api.post("/api/tasks/bank-transactions-sync", """
                {"source": {"url": "%s", "pageSize": 500}, "dateFrom": "2026-01-01", "dateTo": "2026-01-31",
                 "batchSize": 250, "priority": "HIGH"}""".formatted(source.url("page")));
        assertEquals(202, submitted.status(), submitted.text());
        assertEquals("HIGH", submitted.field("priority"));

        JsonNode result = api.awaitStatus(submitted.field("id"), "COMPLETED").json().get("result");
        assertEquals(5000, result.get("fetched").getLongValue());
        assertEquals(5000, result.get("created").getLongValue());
        assertEquals(0, result.get("failed").getLongValue());
        assertEquals(10, result.get("pages").getLongValue());
        assertEquals(false, result.get("cancelled").getBooleanValue());

        Api.Response taxes = api.get("/api/sync/bank-transactions?category=taxes&limit=100");
        assertEquals(200, taxes.status(), taxes.text());
        List<String> firstPage = ids(taxes.json().get("items"));
        assertEquals(100, firstPage.size());
        taxes.json().get("items").values().forEach(item -> {
            assertEquals("taxes", item.get("category").getStringValue());
            assertEquals("taxes", item.get("categoryRule").getStringValue());
            assertTrue(item.get("amount").getNumberValue().doubleValue() < 0);
        });
        Api.Response next = api.get("/api/sync/bank-transactions?category=taxes&limit=100&cursor="
                + taxes.field("nextCursor"));
        Set<String> both = new HashSet<>(firstPage);
        both.addAll(ids(next.json().get("items")));
        assertEquals(200, both.size(), "the second page goes on where the first ended");

        Api.Response incoming = api.get("/api/sync/bank-transactions?direction=incoming&dateFrom=2026-01-05"
                + "&dateTo=2026-01-10&limit=1000");
        assertTrue(incoming.json().get("items").size() > 0);
        incoming.json().get("items").values().forEach(item -> {
            String date = item.get("date").getStringValue();
            assertTrue(date.compareTo("2026-01-05") >= 0 && date.compareTo("2026-01-10") <= 0, date);
            assertEquals("revenue", item.get("category").getStringValue());
        });
    }

    @Test
    void aCancelledSyncStopsBetweenBatchesAndSaysWhatItKept() {
        source = SyncSourceServer.serving(SyncSourceServer.contractors(5000))
                .onPage(20, new SyncSourceServer.Held());
        Api.Response submitted = api.post("/api/tasks/contractors-sync", """
                {"source": {"url": "%s"}}""".formatted(source.url("page")));
        String id = submitted.field("id");
        Await.until("19 pages to be committed", Duration.ofSeconds(30), this::countContractors, kept -> kept == 1900);

        assertEquals(202, api.post("/api/tasks/" + id + "/cancel", "").status());

        JsonNode result = api.awaitStatus(id, "CANCELLED").json().get("result");
        assertEquals(true, result.get("cancelled").getBooleanValue());
        assertEquals(1900, result.get("fetched").getLongValue());
        assertEquals(19, result.get("pages").getLongValue());
        assertEquals(1900, countContractors());
    }

    @Test
    void unmappableRecordsAreListedWithTheirReasons() {
        List<Map<String, Object>> records = new ArrayList<>(SyncSourceServer.contractors(120));
        records.get(3).put("taxId", "12-34");
        records.get(7).remove("name");
        source = SyncSourceServer.serving(records);
        String id = api.post("/api/tasks/contractors-sync", """
                {"source": {"url": "%s"}}""".formatted(source.url("offset").replace("/offset/", "/page/")))
                .field("id");

        JsonNode result = api.awaitStatus(id, "COMPLETED").json().get("result");
        assertEquals(2, result.get("failed").getLongValue());
        assertEquals(118, result.get("created").getLongValue() + result.get("updated").getLongValue()
                + result.get("unchanged").getLongValue());

        Api.Response failures = api.get("/api/tasks/" + id + "/sync-failures");
        assertEquals(200, failures.status(), failures.text());
        JsonNode items = failures.json().get("items");
        assertEquals("c-000004", items.get(0).get("recordKey").getStringValue());
        assertEquals("'taxId' '12-34' is not a 10 or 12 digit tax number", items.get(0).get("reason").getStringValue());
        assertEquals("'name' is missing", items.get(1).get("reason").getStringValue());
        assertNull(failures.json().get("nextOffset").isNull() ? null : failures.json().get("nextOffset"));
    }

    @Test
    void anN8nTriggerPushesRecordsInSignedBatchesEachWithItsOwnDeliveryId() throws Exception {
        StringBuilder records = new StringBuilder();
        for (int i = 1; i <= 250; i++) {
            records.append(i == 1 ? "" : ",").append("{\"id\":").append(i).append('}');
        }
        Api.Response submitted = api.post("/api/integrations/n8n/trigger", """
                {"webhookUrl": "%s", "event": "contractors.updated", "records": [%s], "batchSize": 100,
                 "secret": "n8n-s3cret"}""".formatted(receiver.url("/webhook/tasklane"), records));
        assertEquals(202, submitted.status(), submitted.text());
        assertEquals("external-sync", submitted.field("type"));

        JsonNode result = api.awaitStatus(submitted.field("id"), "COMPLETED").json().get("result");
        assertEquals(3, result.get("requests").getIntValue());
        assertEquals(250, result.get("records").getLongValue());
        List<WebhookReceiver.Received> received = receiver.requests();
        assertEquals(3, received.size());
        Set<String> deliveryIds = new HashSet<>();
        for (int part = 1; part <= 3; part++) {
            WebhookReceiver.Received request = received.get(part - 1);
            JsonNode body = json.readValue(request.body(), JsonNode.class);
            assertEquals("contractors.updated", body.get("event").getStringValue());
            assertEquals(part, body.get("part").getIntValue());
            assertEquals(3, body.get("parts").getIntValue());
            assertEquals(part == 3 ? 50 : 100, body.get("records").size());
            long timestamp = Long.parseLong(request.header("Tasklane-Timestamp"));
            assertEquals(WebhookSigner.sign("n8n-s3cret", timestamp, request.body()),
                    request.header("Tasklane-Signature"));
            deliveryIds.add(request.header("Tasklane-Delivery-Id"));
        }
        assertEquals(Set.of(submitted.field("id") + "#1", submitted.field("id") + "#2",
                submitted.field("id") + "#3"), deliveryIds);
    }

    @Test
    void anEventWithoutRecordsIsOneRequestCarryingItsData() throws Exception {
        Api.Response submitted = api.post("/api/tasks/external-sync", """
                {"url": "%s", "event": "invoice.paid", "data": {"invoice": 42}}""".formatted(receiver.url("/hook")));
        api.awaitStatus(submitted.field("id"), "COMPLETED");

        WebhookReceiver.Received request = receiver.awaitRequest(Duration.ofSeconds(5));
        JsonNode body = json.readValue(request.body(), JsonNode.class);
        assertEquals(42, body.get("data").get("invoice").getIntValue());
        assertEquals(1, body.get("parts").getIntValue());
        assertNotEquals(null, new String(request.body(), StandardCharsets.UTF_8));
    }

    private long countContractors() {
        long count = 0;
        String cursor = null;
        do {
            Api.Response page = api.get("/api/sync/contractors?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor));
            count += page.json().get("items").size();
            JsonNode next = page.json().get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.getStringValue();
        } while (cursor != null);
        return count;
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.values().forEach(item -> ids.add(item.get("id").getStringValue()));
        return ids;
    }
}
