package dev.tasklane.benchmarks.jobrunr;

import org.jobrunr.jobs.context.JobContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * The peer's JobRunr job: one webhook delivery made as Tasklane's delivery activity makes it (POST of the JSON body
 * with Tasklane's delivery id, attempt, timestamp and HMAC-SHA256 signature headers, HTTP/1.1, no redirects, 10 s to
 * connect and 30 s for the answer). An answer other than 2xx fails the job, so JobRunr's default retry policy applies.
 */
public class SignedDelivery {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
    private final String secret;
    private final AnsweredDeliveries answered;

    /** Signs with {@code secret} and tells {@code answered} of each 2xx answer. */
    SignedDelivery(String secret, AnsweredDeliveries answered) {
        this.secret = secret;
        this.answered = answered;
    }

    /** Called by JobRunr's worker with the job's own context in place of {@link JobContext#Null}. */
    public void deliver(String url, String body, JobContext context) throws IOException, InterruptedException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(ANSWER_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .header("Content-Type", "application/json")
                .header("User-Agent", "Tasklane-JobRunr-Peer/1")
                .header("Tasklane-Delivery-Id", context.getJobId().toString())
                .header("Tasklane-Attempt", Integer.toString(context.amountOfFailures() + 1))
                .header("Tasklane-Timestamp", Long.toString(timestamp))
                .header("Tasklane-Signature", WebhookSignature.sign(secret, timestamp, bytes))
                .build();
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status / 100 != 2) {
            throw new IllegalStateException("receiver answered " + status);
        }
        answered.answered();
    }
}
