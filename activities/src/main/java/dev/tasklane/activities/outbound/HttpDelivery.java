package dev.tasklane.activities.outbound;

import dev.tasklane.activities.progress.ProgressReporter;
import dev.tasklane.activities.secrets.SecretBox;
import dev.tasklane.store.event.TaskEventType;
import dev.tasklane.workflows.lifecycle.RetrySettings;
import dev.tasklane.workflows.lifecycle.TaskProgress;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import dev.tasklane.workflows.outbound.OutboundFailures;
import io.micronaut.json.JsonMapper;
import io.temporal.activity.Activity;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The delivery engine of every outbound HTTP call a task makes (webhooks, callbacks, external syncs): one attempt per
 * activity attempt, to an allowed destination only, signed, its answer classified into {@link OutboundFailures}, and
 * recorded as an event of the task.
 */
@Singleton
public class HttpDelivery {

    private static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(1);
    private static final Duration LONGEST_RETRY_AFTER = Duration.ofHours(1);

    private final HttpClient http;
    private final DestinationGuard guard;
    private final ProgressReporter progress;
    private final JsonMapper json;
    private final SecretBox secrets;
    private final Clock clock;

    public HttpDelivery(@Named("webhook") HttpClient http, DestinationGuard guard,
                        ProgressReporter progress, JsonMapper json, SecretBox secrets, Clock clock) {
        this.http = http;
        this.guard = guard;
        this.progress = progress;
        this.json = json;
        this.secrets = secrets;
        this.clock = clock;
    }

    /**
     * Makes the current activity attempt of a delivery whose attempts all carry {@code deliveryId}, reporting
     * {@code current} as the task's progress with each attempt's message.
     */
    public Delivered deliver(OutboundCall call, RetrySettings retry, String deliveryId, TaskProgress current) {
        int attempt = Activity.getExecutionContext().getInfo().getAttempt();
        if (attempt > 1) {
            // a retry's first report is always recorded, so a cancel while it runs counts it (task_started counts
            // the first attempt, with no write of its own on the path every delivery takes)
            progress.report(current, null);
        }
        URI uri = URI.create(call.url());
        checkDestination(uri);

        byte[] body = bodyOf(call);
        long started = System.nanoTime();
        Outcome outcome = send(buildRequest(call, uri, body, deliveryId, attempt), call.timeoutSeconds(),
                current.withMessage("attempt " + attempt + " of " + retry.maxAttempts() + ": waiting for the receiver"));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        if (outcome.statusCode() != null && outcome.statusCode() / 100 == 2) {
            String message = "attempt " + attempt + ": delivered, " + outcome.statusCode() + " in " + millis + " ms";
            progress.record(TaskStatus.RUNNING, TaskEventType.PROGRESS_UPDATE, current.withMessage(message), message,
                    new DeliveryAttempt(attempt, outcome.statusCode(), millis, null, null));
            return new Delivered(outcome.statusCode(), attempt, millis);
        }
        if (!outcome.retryable()) {
            recordAttempt(TaskStatus.RUNNING, TaskEventType.PROGRESS_UPDATE, current, attempt, outcome, millis, null);
            throw ApplicationFailure.newNonRetryableFailure(outcome.error(), OutboundFailures.PERMANENT_REJECTION);
        }
        Duration wait = outcome.retryAfter() != null ? outcome.retryAfter() : RetryDelay.jittered(retry.backoffAfter(attempt));
        boolean willRetry = attempt < retry.maxAttempts();
        recordAttempt(willRetry ? TaskStatus.RETRYING : TaskStatus.RUNNING,
                willRetry ? TaskEventType.TASK_RETRYING : TaskEventType.PROGRESS_UPDATE,
                current, attempt, outcome, millis, willRetry ? wait : null);
        throw ApplicationFailure.newFailureWithCauseAndDelay(outcome.error(), OutboundFailures.TRANSIENT_FAILURE, null,
                wait);
    }

    private void checkDestination(URI uri) {
        try {
            guard.resolveAllowed(uri);
        } catch (ForbiddenDestinationException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), OutboundFailures.FORBIDDEN_DESTINATION);
        } catch (UnknownHostException e) {
            throw ApplicationFailure.newFailure("cannot resolve " + uri.getHost(),
                    OutboundFailures.TRANSIENT_FAILURE);
        }
    }

    private byte[] bodyOf(OutboundCall call) {
        if (call.body() == null) {
            return new byte[0];
        }
        try {
            return json.writeValueAsBytes(call.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest buildRequest(OutboundCall call, URI uri, byte[] body, String deliveryId, int attempt) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(call.timeoutSeconds()))
                .method(call.method(), HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json")
                .header("User-Agent", "Tasklane-Webhook/1")
                .header(WebhookHeaders.DELIVERY_ID, deliveryId)
                .header(WebhookHeaders.ATTEMPT, Integer.toString(attempt));
        if (call.secret() != null) {
            long timestamp = clock.instant().getEpochSecond();
            builder.header(WebhookHeaders.TIMESTAMP, Long.toString(timestamp))
                    .header(WebhookHeaders.SIGNATURE, WebhookSigner.sign(secrets.open(call.secret()), timestamp,
                            body));
        }
        if (call.headers() != null) {
            for (Map.Entry<String, String> header : call.headers().entrySet()) {
                if (WebhookHeaders.isSettableBySubmitter(header.getKey())) {
                    builder.setHeader(header.getKey(), secrets.open(header.getValue()));
                }
            }
        }
        return builder.build();
    }

    /**
     * Sends and waits. While the receiver keeps it waiting, the attempt reports {@code waiting} as progress
     * each second, which also heartbeats, so a cancelled task stops waiting at once.
     */
    private Outcome send(HttpRequest request, int timeoutSeconds, TaskProgress waiting) {
        CompletableFuture<HttpResponse<InputStream>> pending =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        while (true) {
            try {
                HttpResponse<InputStream> response = pending.get(HEARTBEAT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                response.body().close();
                return Outcome.of(response, clock);
            } catch (TimeoutException stillWaiting) {
                try {
                    progress.report(waiting, null);
                } catch (ActivityCompletionException cancelled) {
                    pending.cancel(true);
                    throw cancelled;
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                String error = cause instanceof HttpTimeoutException
                        ? "no answer within " + timeoutSeconds + " s"
                        : "connection failed: " + cause;
                return new Outcome(null, error, true, null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pending.cancel(true);
                throw ApplicationFailure.newFailure("worker interrupted", OutboundFailures.TRANSIENT_FAILURE);
            } catch (IOException e) {
                return new Outcome(null, "reading the answer failed: " + e, true, null);
            }
        }
    }

    private void recordAttempt(TaskStatus status, TaskEventType type, TaskProgress current, int attempt,
                               Outcome outcome, long millis, Duration nextRetry) {
        String message = "attempt " + attempt + " failed: " + outcome.error()
                + (nextRetry == null ? "" : "; retrying in " + nextRetry.toMillis() / 1000.0 + " s");
        progress.record(status, type, current.withMessage(message), message, new DeliveryAttempt(attempt,
                outcome.statusCode(), millis, outcome.error(), nextRetry == null ? null : nextRetry.toMillis() / 1000.0));
    }

    /** What a successful attempt got: the receiver's 2xx status, the attempt's number and how long it took. */
    public record Delivered(int statusCode, int attempt, long millis) {
    }

    /** A classified answer (or fault) of one attempt. */
    private record Outcome(Integer statusCode, String error, boolean retryable, Duration retryAfter) {

        static Outcome of(HttpResponse<?> response, Clock clock) {
            int code = response.statusCode();
            if (code / 100 == 2) {
                return new Outcome(code, null, false, null);
            }
            boolean retryable = code == 408 || code == 429 || code / 100 == 5;
            Duration retryAfter = retryable ? RetryDelay.requestedBy(response, clock.instant(), LONGEST_RETRY_AFTER)
                    : null;
            String error = "receiver answered " + code + (retryable ? "" : ", which retrying cannot fix");
            return new Outcome(code, error, retryable, retryAfter);
        }
    }
}
