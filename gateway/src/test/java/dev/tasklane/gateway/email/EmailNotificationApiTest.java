package dev.tasklane.gateway.email;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Tokens;
import dev.tasklane.store.task.TaskRepository;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The email-notification task over the API, sending through an in-process SMTP server on 127.0.0.1. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmailNotificationApiTest extends ApiWithReceiverTest implements TestPropertyProvider {

    private final GreenMail smtp = started();

    @Inject
    TaskRepository tasks;

    private static GreenMail started() {
        GreenMail server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        server.start();
        return server;
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of("tasklane.email.port", Integer.toString(smtp.getSmtp().getPort()),
                "tasklane.email.from", "reports@tasklane.test");
    }

    @AfterAll
    void stop() {
        smtp.stop();
    }

    @Test
    void aTemplatedMessageIsSentThroughTheTypedEndpoint() throws Exception {
        Api.Response submitted = api.post("/api/tasks/email-notification", """
                {"to":["ops@customer.test"],"template":"task-finished",
                 "variables":{"taskId":"t-1","type":"webhook-delivery","status":"COMPLETED","details":"all good"}}""");
        assertEquals(202, submitted.status(), submitted.text());

        JsonNode done = api.awaitStatus(submitted.field("id"), "COMPLETED").json();

        assertEquals("Task t-1 COMPLETED", done.get("result").get("subject").getStringValue());
        MimeMessage message = smtp.getReceivedMessages()[smtp.getReceivedMessages().length - 1];
        assertEquals("Task t-1 COMPLETED", message.getSubject());
        assertEquals("reports@tasklane.test", message.getFrom()[0].toString());
        assertTrue(message.getContent().toString().contains("ended COMPLETED."), message.getContent().toString());
        assertEquals("<" + submitted.field("id") + "@tasklane>", message.getMessageID());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no recipients       | {"to":[],"template":"plain","variables":{"subject":"s","text":"t"}}       | payload.to
            not an address      | {"to":["ops at customer"],"template":"plain","variables":{"subject":"s","text":"t"}} | payload.to[0]
            bad copy            | {"to":["a@b.test"],"cc":["@"],"template":"plain","variables":{"subject":"s","text":"t"}} | payload.cc[0]
            unknown template    | {"to":["a@b.test"],"template":"welcome"}                                  | payload.template
            missing variable    | {"to":["a@b.test"],"template":"plain","variables":{"subject":"s"}}        | payload.variables
            template missing    | {"to":["a@b.test"]}                                                       | payload.template
            unknown field       | {"to":["a@b.test"],"template":"plain","bcc":["x@y.test"]}                 | payload.bcc
            """)
    void aFaultyEmailIsRefusedNamingTheField(String name, String body, String field) {
        long before = tasks.count();
        Api.Response refused = api.post("/api/tasks/email-notification", body);
        assertEquals(400, refused.status(), name + ": " + refused.text());
        assertTrue(refused.text().contains("\"field\":\"" + field + "\""), name + ": " + refused.text());
        assertEquals(before, tasks.count());
    }

    @Test
    void aUserMayNotSendEMailAnywhereAndTheTypeListSaysSo() {
        long before = tasks.count();

        Api.Response refused = api.as(Tokens.of("uma", "mail-acme", "USER")).post("/api/tasks/email-notification", """
                {"to":["anyone@elsewhere.test"],"template":"plain","variables":{"subject":"s","text":"t"}}""");

        assertEquals(403, refused.status(), refused.text());
        assertTrue(refused.field("detail").contains("needs role MANAGER"), refused.field("detail"));
        assertEquals(before, tasks.count(), "nothing was stored");
        String listed = null;
        for (JsonNode type : api.get("/api/task-types").json().values()) {
            if (type.get("name").getStringValue().equals("email-notification")) {
                listed = type.get("requiredRole").getStringValue();
            }
        }
        assertEquals("MANAGER", listed, "the dashboard offers the type only to those who may submit it");
    }
}
