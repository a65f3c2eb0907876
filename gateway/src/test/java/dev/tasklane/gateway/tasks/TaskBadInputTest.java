package dev.tasklane.gateway.tasks;

import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Tokens;
import dev.tasklane.store.task.TaskRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every client mistake is a 4xx problem that names what to change, and leaves nothing behind. */
@MicronautTest
class TaskBadInputTest extends ApiWithReceiverTest {

    @Inject
    TaskRepository tasks;

    private long tasksBefore;

    @BeforeEach
    void countTasks() {
        tasksBefore = tasks.count();
    }

    @AfterEach
    void nothingWasWritten() {
        assertEquals(tasksBefore, tasks.count(), "a refused request must not leave a task");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed JSON            | {"type":"webhook-delivery",                                   | 400 |
            not an object             | [1,2]                                                         | 400 | body
            missing type              | {"payload":{"url":"http://127.0.0.1:1/"}}                     | 400 | type
            missing payload           | {"type":"webhook-delivery"}                                   | 400 | payload
            unknown type              | {"type":"fax","payload":{}}                                   | 400 | type
            type of wrong kind        | {"type":5,"payload":{}}                                       | 400 | type
            missing url               | {"type":"webhook-delivery","payload":{"method":"POST"}}       | 400 | payload.url
            url of wrong kind         | {"type":"webhook-delivery","payload":{"url":42}}              | 400 | payload.url
            unknown payload field     | {"type":"webhook-delivery","payload":{"url":"http://127.0.0.1:1/","urll":"x"}} | 400 | payload.urll
            unknown envelope field    | {"type":"webhook-delivery","payload":{"url":"http://127.0.0.1:1/"},"prio":"HIGH"} | 400 | prio
            bad priority              | {"type":"webhook-delivery","payload":{"url":"http://127.0.0.1:1/"},"priority":"ASAP"} | 400 | priority
            runAt not a date          | {"type":"webhook-delivery","payload":{"url":"http://127.0.0.1:1/"},"runAt":"tomorrow"} | 400 | runAt
            runAt far in the past     | {"type":"webhook-delivery","payload":{"url":"http://127.0.0.1:1/"},"runAt":"2020-01-01T00:00:00Z"} | 400 | runAt
            not a url                 | {"type":"webhook-delivery","payload":{"url":"http://exa mple/"}} | 400 | payload.url
            not http                  | {"type":"webhook-delivery","payload":{"url":"ftp://127.0.0.1/x"}} | 400 | payload.url
            loopback not allowed      | {"type":"webhook-delivery","payload":{"url":"http://127.0.0.2:9/"}} | 400 | payload.url
            ipv6 loopback             | {"type":"webhook-delivery","payload":{"url":"http://[::1]:9/"}} | 400 | payload.url
            metadata address          | {"type":"webhook-delivery","payload":{"url":"http://169.254.169.254/latest"}} | 400 | payload.url
            documentation address     | {"type":"webhook-delivery","payload":{"url":"http://192.0.2.10/"}} | 400 | payload.url
            documentation ipv6        | {"type":"webhook-delivery","payload":{"url":"http://[2001:db8::1]/"}} | 400 | payload.url
            6to4 of metadata address  | {"type":"webhook-delivery","payload":{"url":"http://[2002:a9fe:a9fe::]/"}} | 400 | payload.url
            teredo address            | {"type":"webhook-delivery","payload":{"url":"http://[2001:0:4136:e378:8000:63bf:f7f7:f7f7]/"}} | 400 | payload.url
            octal-looking address     | {"type":"webhook-delivery","payload":{"url":"http://0177.0.0.1:1/"}} | 400 | payload.url
            hex address               | {"type":"webhook-delivery","payload":{"url":"http://0x7f.1:1/"}} | 400 | payload.url
            short address             | {"type":"webhook-delivery","payload":{"url":"http://127.1:1/"}} | 400 | payload.url
            integer address           | {"type":"webhook-delivery","payload":{"url":"http://2130706433:1/"}} | 400 | payload.url
            port zero                 | {"type":"webhook-delivery","payload":{"url":"http://127.0.0.1:0/"}} | 400 | payload.url
            port too large            | {"type":"webhook-delivery","payload":{"url":"http://127.0.0.1:99999/"}} | 400 | payload.url
            callback port too large   | {"type":"webhook-delivery","payload":{"url":"http://127.0.0.1:1/"},"callbackUrl":"http://127.0.0.1:99999/"} | 400 | callbackUrl
            bad method                | {"type":"webhook-delivery","payload":{"url":"http://127.0.0.1:1/","method":"GET"}} | 400 | payload.method
            timeout out of range      | {"type":"webhook-delivery","payload":{"url":"http://127.0.0.1:1/","timeoutSeconds":0}} | 400 | payload.timeoutSeconds
            timeout not whole         | {"type":"webhook-delivery","payload":{"url":"http://127.0.0.1:1/","timeoutSeconds":1.5}} | 400 | payload.timeoutSeconds
            reserved header           | {"type":"webhook-delivery","payload":{"url":"http://127.0.0.1:1/","headers":{"Host":"x"}}} | 400 | payload.headers.Host
            header value not a string | {"type":"webhook-delivery","payload":{"url":"http://127.0.0.1:1/","headers":{"X-A":1}}} | 400 | payload.headers
            retry attempts too many   | {"type":"webhook-delivery","payload":{"url":"http://127.0.0.1:1/"},"retry":{"maxAttempts":1000}} | 400 | retry.maxAttempts
            retry of wrong kind       | {"type":"webhook-delivery","payload":{"url":"http://127.0.0.1:1/"},"retry":{"maxAttempts":"3"}} | 400 | retry.maxAttempts
            task timeout too long     | {"type":"webhook-delivery","payload":{"url":"http://127.0.0.1:1/"},"timeoutSeconds":99999999} | 400 | timeoutSeconds
            """)
    void aFaultySubmissionIsRefusedNamingTheField(String name, String body, int status, String field) {
        Api.Response response = api.post("/api/tasks", body);

        assertProblem(response, status);
        if (field != null) {
            assertTrue(response.text().contains("\"field\":\"" + field + "\""), name + ": " + response.text());
        }
    }

    @Test
    void aBodySentInChunksWithoutALengthIsRefusedAs411() throws Exception {
        byte[] body = """
                {"type":"webhook-delivery","payload":{"url":"%s"}}""".formatted(receiver.url("/"))
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.uri("/api/tasks"))
                        .header("Authorization", "Bearer " + Tokens.admin())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(411, response.statusCode(), response.body());
        assertTrue(response.body().contains("Content-Length"), response.body());
    }

    @Test
    void anOversizedBodyIsRefusedAs413() {
        String big = "x".repeat(1_100_000);

        Api.Response response = api.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s","body":"%s"}}""".formatted(receiver.url("/"), big));

        assertProblem(response, 413);
    }

    @Test
    void theTypedEndpointRefusesAnUnknownTypeAndBadQueryOptions() {
        assertProblem(api.post("/api/tasks/fax", "{}"), 404);
        assertProblem(api.post("/api/tasks/webhook-delivery?priority=NOW", """
                {"url":"%s"}""".formatted(receiver.url("/"))), 400);
        assertProblem(api.post("/api/tasks/webhook-delivery", "[]"), 400);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            /api/tasks     | {"type":"webhook-delivery","payload":{"url":"http://127.0.0.1:1/"},"retry":{"maxIntervalSeconds":{}}}
            /api/schedules | {"name":"nightly","cron":"0 3 * * *","taskType":"cleanup","retry":{"maxAttempts":"3"}}
            """)
    void aRetryFieldOfTheWrongTypeIsRefusedNamingIt(String path, String body) {
        Api.Response response = api.post(path, body);

        assertProblem(response, 400);
        assertTrue(response.text().contains("\"field\":\"retry."), response.text());
    }

    @Test
    void aScheduledTimeTooFarAheadIsRefused() {
        assertProblem(api.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s"},"runAt":"%s"}"""
                .formatted(receiver.url("/"), Instant.now().plus(Duration.ofDays(400)))), 400);
    }

    @ParameterizedTest
    @CsvSource({"GET,/api/tasks/webhook-delivery-nope", "POST,/api/tasks/webhook-delivery-nope/cancel",
            "POST,/api/tasks/webhook-delivery-nope/retry", "DELETE,/api/tasks/webhook-delivery-nope",
            "GET,/api/tasks/webhook-delivery-nope/logs", "GET,/api/tasks/webhook-delivery-nope/events"})
    void anUnknownTaskIs404(String method, String path) {
        Api.Response response = switch (method) {
            case "GET" -> api.get(path);
            case "POST" -> api.post(path, "");
            default -> api.delete(path);
        };

        assertProblem(response, 404);
        assertTrue(response.text().contains("webhook-delivery-nope"));
    }

    @ParameterizedTest
    @CsvSource({"status=DONE,status", "priority=ASAP,priority", "limit=0,limit", "limit=many,limit",
            "cursor=garbage,cursor", "type=fax,type"})
    void badListParametersAreRefused(String query, String field) {
        Api.Response response = api.get("/api/tasks?" + query);

        assertProblem(response, 400);
        assertTrue(response.text().contains("\"field\":\"" + field + "\""), response.text());
    }

    @Test
    void badEventStreamAndLogParametersAreRefused() {
        assertProblem(api.get("/api/tasks/events?status=DONE"), 400);
        assertProblem(api.get("/api/tasks/events?type=fax"), 400);
        assertProblem(api.get("/api/tasks/webhook-delivery-nope/logs?limit=-1"), 400);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            in the envelope | {"type":"webhook-delivery","type":"email-notification","payload":{"url":"http://127.0.0.1:1/"}} | type | type
            in the payload  | {"type":"webhook-delivery","payload":{"url":"http://127.0.0.1:1/","url":"http://127.0.0.1:2/"}} | url | payload.url
            in a list       | {"type":"webhook-delivery","payload":{"url":"http://127.0.0.1:1/","body":[{"a":1,"a":2}]}} | a | payload.body[0].a
            """)
    void aBodyWithADuplicateKeyIsRefusedNamingTheKey(String where, String body, String key, String field) {
        Api.Response response = api.post("/api/tasks", body);

        assertProblem(response, 400);
        assertTrue(response.text().contains("duplicate key '" + key + "'"), response.text());
        assertTrue(response.text().contains("\"field\":\"" + field + "\""), response.text());
    }

    @Test
    void aBodyWithoutAContentTypeIsRefusedAs415() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.uri("/api/tasks"))
                        .header("Authorization", "Bearer " + Tokens.admin())
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"type":"webhook-delivery","payload":{"url":"%s"}}""".formatted(receiver.url("/"))))
                        .build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(415, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().contains("Content-Type"), response.body());
    }

    @Test
    void aVeryLongUriIsRefusedAs414() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        api.uri("/api/tasks?type=" + "x".repeat(20_000)))
                .header("Authorization", "Bearer " + Tokens.admin()).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(414, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void veryLongHeadersAreRefusedAs431() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.uri("/api/tasks"))
                .header("Authorization", "Bearer " + Tokens.admin())
                .header("X-Padding", "x".repeat(20_000)).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(431, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void anUnknownRouteIsAProblemToo() {
        assertProblem(api.get("/api/nothing-here"), 404);
    }

    private static void assertProblem(Api.Response response, int status) {
        assertEquals(status, response.status(), response.text());
        assertTrue(response.contentType().startsWith("application/problem+json"), response.contentType());
        assertEquals(status, response.json().get("status").getIntValue());
        assertTrue(response.json().get("type").getStringValue().startsWith("urn:tasklane:problem:"));
        assertTrue(!response.json().get("detail").getStringValue().isBlank());
        assertNull(response.json().get("stackTrace"));
    }
}
