package dev.tasklane.gateway.notification;

import dev.tasklane.activities.testing.WebhookReceiver.Reply;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Tokens;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each ended task notifies its owner, and only them, until they mark it read. */
@MicronautTest
class NotificationApiTest extends ApiWithReceiverTest {

    @Test
    void theOwnerIsToldOfEachEndAndMarksThemRead() {
        Api ann = api.as(Tokens.of("ann", "notified", "USER"));
        Api bob = api.as(Tokens.of("bob", "notified", "USER"));
        receiver.replyTo("/fails", Reply.status(400));
        receiver.otherwise(Reply.status(200));
        String completed = submitDelivery(ann, "/ok");
        ann.awaitStatus(completed, "COMPLETED");
        String failed = submitDelivery(ann, "/fails");
        ann.awaitStatus(failed, "FAILED");

        JsonNode page = ann.get("/api/notifications").json();
        assertEquals(2, page.get("unread").getLongValue());
        assertEquals(List.of(failed + " FAILED", completed + " COMPLETED"), items(page));
        assertEquals(0, bob.get("/api/notifications").json().get("items").size(), "bob owns none of them");

        long first = page.get("items").get(0).get("id").getLongValue();
        assertEquals(404, bob.post("/api/notifications/" + first + "/read", "").status());
        JsonNode read = ann.post("/api/notifications/" + first + "/read", "").json();
        assertNotNull(read.get("readAt").getStringValue());
        assertEquals(List.of(completed + " COMPLETED"), items(ann.get("/api/notifications?unreadOnly=true").json()));

        JsonNode paged = ann.get("/api/notifications?limit=1").json();
        assertEquals(1, paged.get("items").size());
        JsonNode rest = ann.get("/api/notifications?limit=1&cursor=" + paged.get("nextCursor").getStringValue()).json();
        assertEquals(List.of(completed + " COMPLETED"), items(rest));
        assertTrue(rest.get("nextCursor").isNull());

        assertEquals(1, ann.post("/api/notifications/read-all", "").json().get("marked").getIntValue());
        assertEquals(0, ann.get("/api/notifications").json().get("unread").getLongValue());
        assertNull(ann.get("/api/notifications?unreadOnly=true").json().get("items").get(0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unreadOnly not a flag | /api/notifications?unreadOnly=maybe | unreadOnly
            limit zero            | /api/notifications?limit=0          | limit
            limit too big         | /api/notifications?limit=501        | limit
            cursor of words       | /api/notifications?cursor=next      | cursor
            """)
    void aFaultyListingIsRefusedNamingTheParameter(String name, String path, String field) {
        Api.Response refused = api.get(path);
        assertEquals(400, refused.status(), name + ": " + refused.text());
        assertTrue(refused.text().contains("\"field\":\"" + field + "\""), refused.text());
    }

    @Test
    void anIdThatIsNoNumberIsRefusedAndAnUnknownOneIsNotFound() {
        Api.Response refused = api.post("/api/notifications/first/read", "");
        assertEquals(400, refused.status(), refused.text());
        assertTrue(refused.text().contains("\"field\":\"id\""), refused.text());
        assertEquals(404, api.post("/api/notifications/999999/read", "").status());
        assertEquals(401, api.as(null).get("/api/notifications").status());
    }

    private static List<String> items(JsonNode page) {
        List<String> found = new ArrayList<>();
        page.get("items").values().forEach(item -> found.add(item.get("taskId").getStringValue() + " "
                + item.get("status").getStringValue()));
        return found;
    }
}
