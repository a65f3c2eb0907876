package dev.tasklane.activities.webhook;

import dev.tasklane.activities.outbound.WebhookHeaders;
import dev.tasklane.activities.secrets.SecretBox;
import dev.tasklane.activities.testing.TaskRows;
import dev.tasklane.activities.testing.WebhookReceiver;
import dev.tasklane.activities.testing.WebhookReceiver.Received;
import dev.tasklane.activities.testing.WebhookReceiver.Reply;
import dev.tasklane.store.event.TaskEventRepository;
import dev.tasklane.store.event.TaskEventRow;
import dev.tasklane.store.event.TaskEventType;
import dev.tasklane.store.task.TaskRepository;
import dev.tasklane.workflows.lifecycle.RetrySettings;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import dev.tasklane.workflows.outbound.OutboundFailures;
import dev.tasklane.workflows.webhook.WebhookDeliveryActivities;
import dev.tasklane.workflows.webhook.WebhookDeliveryRequest;
import dev.tasklane.workflows.webhook.WebhookDeliveryResult;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestActivityEnvironment;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class WebhookDeliveryActivitiesTest {

    /** The workflow ID the test activity environment gives every activity. */
    private static final String TASK_ID = "test-workflow-id";
    private static final RetrySettings RETRY = new RetrySettings(5, 2.0, 2.0, 60.0);

    @Inject
    WebhookDeliveryActivitiesImpl activitiesImpl;
    @Inject
    TaskRepository tasks;
    @Inject
    TaskEventRepository events;
    @Inject
    SecretBox secrets;

    private TestActivityEnvironment environment;
    private WebhookDeliveryActivities activities;
    private WebhookReceiver receiver;

    @BeforeEach
    void setUp() {
        events.deleteByTaskId(TASK_ID);
        tasks.deleteById(TASK_ID);
        tasks.save(TaskRows.queued(TASK_ID, "webhook-delivery"));
        environment = TestActivityEnvironment.newInstance();
        environment.registerActivitiesImplementations(activitiesImpl);
        activities = environment.newActivityStub(WebhookDeliveryActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1)).setHeartbeatTimeout(Duration.ofSeconds(2)).build());
        receiver = WebhookReceiver.start("127.0.0.1");
    }

    @AfterEach
    void tearDown() {
        receiver.close();
        environment.close();
    }

    @Test
    void aSignedDeliveryCarriesAStableIdAndASignatureTheReceiverCanVerify() {
        receiver.otherwise(Reply.status(204));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("order", 42);
        body.put("paid", true);
        WebhookDeliveryRequest request = new WebhookDeliveryRequest(receiver.url("/hooks/order"), "PUT",
                Map.of("X-Order", "42"), body, "s3cret", 5);

        WebhookDeliveryResult result = activities.deliver(request, RETRY);

        assertEquals(204, result.statusCode());
        Received got = receiver.requests().get(0);
        assertEquals("PUT", got.method());
        assertEquals("/hooks/order", got.path());
        assertEquals("42", got.header("X-Order"));
        assertEquals("application/json", got.header("Content-Type"));
        assertEquals(TASK_ID, got.header(WebhookHeaders.DELIVERY_ID));
        assertNotNull(got.header(WebhookHeaders.ATTEMPT));
        assertEquals("{\"order\":42,\"paid\":true}", got.bodyText());
        long timestamp = Long.parseLong(got.header(WebhookHeaders.TIMESTAMP));
        assertTrue(Math.abs(Instant.now().getEpochSecond() - timestamp) < 300);
        assertEquals(ReceiverSide.hmacSha256Hex("s3cret", timestamp + "." + got.bodyText()),
                got.header(WebhookHeaders.SIGNATURE).substring("v1=".length()));
        TaskEventRow last = lastEvent();
        assertEquals(TaskEventType.PROGRESS_UPDATE, last.eventType());
        assertTrue(last.dataJson().contains("\"statusCode\":204"), last.dataJson());
    }

    @Test
    void sealedSecretsAndCredentialsAreOpenedOnlyForTheReceiver() {
        receiver.otherwise(Reply.status(200));
        WebhookDeliveryRequest request = new WebhookDeliveryRequest(receiver.url("/"), null,
                Map.of("Authorization", secrets.seal("Bearer abc"), "X-Plain", "visible"), "x",
                secrets.seal("s3cret"), null);

        activities.deliver(request, RETRY);

        Received got = receiver.requests().get(0);
        assertEquals("Bearer abc", got.header("Authorization"));
        assertEquals("visible", got.header("X-Plain"));
        long timestamp = Long.parseLong(got.header(WebhookHeaders.TIMESTAMP));
        assertEquals(ReceiverSide.hmacSha256Hex("s3cret", timestamp + "." + got.bodyText()),
                got.header(WebhookHeaders.SIGNATURE).substring("v1=".length()));
        assertFalse(lastEvent().dataJson().contains("abc"), lastEvent().dataJson());
    }

    @Test
    void anUnsignedDeliveryHasNoSignatureHeaders() {
        activities.deliver(new WebhookDeliveryRequest(receiver.url("/"), null, null, "hi", null, null), RETRY);

        Received got = receiver.requests().get(0);
        assertEquals("POST", got.method());
        assertEquals(null, got.header(WebhookHeaders.SIGNATURE));
        assertEquals("\"hi\"", got.bodyText());
    }

    @Test
    void aServerErrorIsRetryableWithAJitteredBackoffAndRecordedAsRetrying() {
        receiver.otherwise(Reply.status(503));

        ApplicationFailure failure = deliveryFailure(new WebhookDeliveryRequest(receiver.url("/"), null, null, null, null, null));

        assertFalse(failure.isNonRetryable());
        assertEquals(OutboundFailures.TRANSIENT_FAILURE, failure.getType());
        long delayMillis = failure.getNextRetryDelay().toMillis();
        assertTrue(delayMillis >= 1600 && delayMillis <= 2400, "2 s backoff ±20 %, was " + delayMillis);
        TaskEventRow last = lastEvent();
        assertEquals(TaskEventType.TASK_RETRYING, last.eventType());
        assertEquals(TaskStatus.RETRYING, tasks.findById(TASK_ID).orElseThrow().status());
        assertTrue(last.dataJson().contains("\"statusCode\":503"), last.dataJson());
    }

    @Test
    void tooManyRequestsHonoursRetryAfter() {
        receiver.otherwise(Reply.withHeader(429, "Retry-After", "7"));

        ApplicationFailure failure = deliveryFailure(new WebhookDeliveryRequest(receiver.url("/"), null, null, null, null, null));

        assertFalse(failure.isNonRetryable());
        assertEquals(Duration.ofSeconds(7), failure.getNextRetryDelay());
    }

    @Test
    void aClientErrorFailsAtOnceAsPermanent() {
        receiver.otherwise(Reply.status(422));

        ApplicationFailure failure = deliveryFailure(new WebhookDeliveryRequest(receiver.url("/"), null, null, null, null, null));

        assertTrue(failure.isNonRetryable());
        assertEquals(OutboundFailures.PERMANENT_REJECTION, failure.getType());
        assertTrue(failure.getOriginalMessage().contains("422"));
    }

    @Test
    void aReceiverThatDoesNotAnswerInTimeIsARetryableTimeout() {
        receiver.otherwise(Reply.heldUntilReleased(200));

        ApplicationFailure failure = deliveryFailure(new WebhookDeliveryRequest(receiver.url("/"), null, null, null, null, 1));

        assertFalse(failure.isNonRetryable());
        assertTrue(failure.getOriginalMessage().contains("no answer within 1 s"), failure.getOriginalMessage());
    }

    @Test
    void aRefusedConnectionIsRetryable() {
        String closedPort = receiver.url("/");
        receiver.close();

        ApplicationFailure failure = deliveryFailure(new WebhookDeliveryRequest(closedPort, null, null, null, null, null));

        assertFalse(failure.isNonRetryable());
        assertTrue(failure.getOriginalMessage().startsWith("connection failed"), failure.getOriginalMessage());
    }

    @Test
    void aLoopbackAddressOutsideTheAllowListIsRefusedWithoutAConnection() throws Exception {
        try (WebhookReceiver elsewhere = WebhookReceiver.start("127.0.0.2")) {
            ApplicationFailure failure = deliveryFailure(
                    new WebhookDeliveryRequest(elsewhere.url("/"), null, null, null, null, null));

            assertTrue(failure.isNonRetryable());
            assertEquals(OutboundFailures.FORBIDDEN_DESTINATION, failure.getType());
            assertEquals(null, elsewhere.awaitRequest(Duration.ofMillis(200)));
        }
    }

    @Test
    void cancellingTheTaskStopsAnAttemptThatIsStillWaiting() throws Exception {
        receiver.otherwise(Reply.heldUntilReleased(200));
        CompletableFuture<WebhookDeliveryResult> delivery = CompletableFuture.supplyAsync(() -> activities.deliver(
                new WebhookDeliveryRequest(receiver.url("/"), null, null, null, null, 60), RETRY));
        assertNotNull(receiver.awaitRequest(Duration.ofSeconds(10)));

        environment.requestCancelActivity();

        Throwable thrown = assertThrows(Exception.class, delivery::join).getCause();
        assertInstanceOf(CanceledFailure.class, thrown);
    }

    private ApplicationFailure deliveryFailure(WebhookDeliveryRequest request) {
        ActivityFailure failure = assertThrows(ActivityFailure.class, () -> activities.deliver(request, RETRY));
        return assertInstanceOf(ApplicationFailure.class, failure.getCause());
    }

    private TaskEventRow lastEvent() {
        List<TaskEventRow> all = events.findForTask(TASK_ID, 0, Long.MAX_VALUE, 100);
        return all.get(all.size() - 1);
    }

    /** What a receiver computes to verify a signature, written independently of Tasklane's signer. */
    static final class ReceiverSide {
        static String hmacSha256Hex(String secret, String signed) {
            try {
                javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
                mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                StringBuilder hex = new StringBuilder();
                for (byte b : mac.doFinal(signed.getBytes(StandardCharsets.UTF_8))) {
                    hex.append(String.format("%02x", b));
                }
                return hex.toString();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
