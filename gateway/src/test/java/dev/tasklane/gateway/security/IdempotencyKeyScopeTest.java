package dev.tasklane.gateway.security;

import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Tokens;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An idempotency key is its sender's own: another caller of the tenant with the same key learns nothing of it. */
@MicronautTest
class IdempotencyKeyScopeTest extends ApiWithReceiverTest {

    private String delivery(String path, String secret, String key) {
        return """
                {"type":"webhook-delivery","idempotencyKey":"%s","payload":{"url":"%s","secret":"%s"}}"""
                .formatted(key, receiver.url(path), secret);
    }

    private static List<String> listedIds(Api as) {
        List<String> ids = new ArrayList<>();
        for (JsonNode item : as.get("/api/tasks?limit=500").json().get("items").values()) {
            ids.add(item.get("id").getStringValue());
        }
        return ids;
    }

    @Test
    void twoUsersSendingTheSameKeyAndPayloadGetTwoTasksEachSeeingOnlyTheirOwn() {
        Api alice = api.as(Tokens.of("alice", "keys-same", "USER"));
        Api bob = api.as(Tokens.of("bob", "keys-same", "USER"));

        Api.Response alices = alice.post("/api/tasks", delivery("/same", "whsec-guess-me", "order-1"));
        Api.Response bobs = bob.post("/api/tasks", delivery("/same", "whsec-guess-me", "order-1"));

        assertEquals(202, alices.status(), alices.text());
        assertEquals(202, bobs.status(), bobs.text());
        assertNotEquals(alices.field("id"), bobs.field("id"));
        assertEquals(404, bob.get("/api/tasks/" + alices.field("id")).status());
        assertEquals(404, alice.get("/api/tasks/" + bobs.field("id")).status());
        assertEquals(List.of(bobs.field("id")), listedIds(bob));
        assertEquals(List.of(alices.field("id")), listedIds(alice));
    }

    @Test
    void aUserRepeatingTheirKeyGetsTheirOwnTaskBackAfterAnotherUserUsedTheSameKey() {
        Api carol = api.as(Tokens.of("carol", "keys-repeat", "USER"));
        Api dave = api.as(Tokens.of("dave", "keys-repeat", "USER"));
        String carols = carol.post("/api/tasks", delivery("/repeat", "whsec-1", "order-2")).field("id");
        String daves = dave.post("/api/tasks", delivery("/repeat", "whsec-1", "order-2")).field("id");

        Api.Response carolAgain = carol.post("/api/tasks", delivery("/repeat", "whsec-1", "order-2"));
        Api.Response daveAgain = dave.post("/api/tasks", delivery("/repeat", "whsec-1", "order-2"));

        assertEquals(200, carolAgain.status(), carolAgain.text());
        assertEquals(carols, carolAgain.field("id"));
        assertEquals(200, daveAgain.status(), daveAgain.text());
        assertEquals(daves, daveAgain.field("id"));
    }

    @Test
    void aConflictOnAKeyNamesOnlyTheCallersOwnTaskNeverAnotherUsers() {
        Api erin = api.as(Tokens.of("erin", "keys-conflict", "USER"));
        Api frank = api.as(Tokens.of("frank", "keys-conflict", "USER"));
        String erins = erin.post("/api/tasks", delivery("/conflict", "whsec-erin", "order-3")).field("id");

        Api.Response franksFirst = frank.post("/api/tasks", delivery("/conflict", "whsec-guess", "order-3"));
        Api.Response franksOther = frank.post("/api/tasks", delivery("/conflict", "whsec-other", "order-3"));

        assertEquals(202, franksFirst.status(), franksFirst.text());
        assertEquals(409, franksOther.status(), franksOther.text());
        assertTrue(franksOther.field("detail").contains(franksFirst.field("id")), franksOther.text());
        assertFalse(franksFirst.text().contains(erins), franksFirst.text());
        assertFalse(franksOther.text().contains(erins), franksOther.text());
    }

    @Test
    void twoAdminsOfATenantKeepTheirKeysApartToo() {
        Api ann = api.as(Tokens.of("ann", "keys-admins", "ADMIN"));
        Api bea = api.as(Tokens.of("bea", "keys-admins", "ADMIN"));
        String anns = ann.post("/api/tasks", delivery("/admins", "whsec-ann", "nightly")).field("id");

        Api.Response beas = bea.post("/api/tasks", delivery("/admins", "whsec-bea", "nightly"));

        assertEquals(202, beas.status(), beas.text());
        assertNotEquals(anns, beas.field("id"));
        assertFalse(beas.text().contains(anns), beas.text());
    }
}
