package dev.tasklane.activities.sync;

import dev.tasklane.activities.outbound.RetryDelay;
import dev.tasklane.workflows.lifecycle.RetrySettings;
import dev.tasklane.workflows.sync.SyncActivities;
import dev.tasklane.workflows.sync.SyncSource;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.temporal.failure.ApplicationFailure;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Reads a paginated JSON source one page at a time: builds each page's URL from the checkpoint, keeps to the
 * source's rate limit, asks for the next page while the current one is written, retries 5xx, 408, 429 (after its
 * Retry-After) and network faults with backoff, and refuses pages that are not what the settings describe.
 * While it waits it calls {@code keepAlive} about once a second, so the activity keeps heartbeating.
 */
final class SourcePager implements AutoCloseable {

    private static final Duration LONGEST_RETRY_AFTER = Duration.ofMinutes(5);
    private static final long WAIT_SLICE_MILLIS = 1000;

    private final HttpClient http;
    private final JsonMapper json;
    private final SyncSource source;
    private final SyncSource.Pagination pagination;
    private final Map<String, String> headers;
    private final Map<String, String> query;
    private final RetrySettings retry;
    private final Clock clock;
    private final Runnable keepAlive;
    private final Consumer<String> onRetry;
    private final long spacingNanos;
    private long nextSendNanos = System.nanoTime();
    private Pending prefetched;

    /** A request on its way, and the checkpoint it fetches. */
    private record Pending(SyncCheckpoint at, CompletableFuture<HttpResponse<byte[]>> response) {
    }

    SourcePager(HttpClient http, JsonMapper json, SyncSource source, Map<String, String> openHeaders,
                Map<String, String> query, RetrySettings retry, Clock clock, Runnable keepAlive,
                Consumer<String> onRetry) {
        this.http = http;
        this.json = json;
        this.source = source;
        this.pagination = source.paginationOrNull();
        this.headers = openHeaders;
        this.query = query;
        this.retry = retry;
        this.clock = clock;
        this.keepAlive = keepAlive;
        this.onRetry = onRetry;
        this.spacingNanos = source.requestsPerSecond() == null ? 0
                : (long) (TimeUnit.SECONDS.toNanos(1) / source.requestsPerSecond());
    }

    /** The page {@code at} points to, retried until it comes or its attempts are spent. */
    SourcePage fetch(SyncCheckpoint at) {
        long pageNumber = at.pages() + 1;
        for (int attempt = 1; ; attempt++) {
            CompletableFuture<HttpResponse<byte[]>> response = attempt == 1 ? takePrefetched(at) : null;
            if (response == null) {
                response = send(at);
            }
            Outcome outcome = await(response, at);
            if (outcome.page() != null) {
                return outcome.page();
            }
            if (attempt >= retry.maxAttempts()) {
                throw ApplicationFailure.newNonRetryableFailure("page " + pageNumber + ": " + outcome.error()
                        + ", " + attempt + " attempts", SyncActivities.SOURCE_UNAVAILABLE);
            }
            Duration wait = outcome.retryAfter() != null ? outcome.retryAfter()
                    : RetryDelay.jittered(retry.backoffAfter(attempt));
            onRetry.accept("page " + pageNumber + ": " + outcome.error() + "; attempt " + (attempt + 1) + " of "
                    + retry.maxAttempts() + " in " + wait.toMillis() / 1000.0 + " s");
            pause(wait);
        }
    }

    /** Asks for the page after {@code page} (fetched at {@code at}) now, so it arrives while this one is written. */
    void prefetchAfter(SyncCheckpoint at, SourcePage page) {
        if (!page.last() && System.nanoTime() >= nextSendNanos) {
            SyncCheckpoint next = at.nextPage(page.items().size(), page.nextCursor());
            prefetched = new Pending(next, send(next));
        }
    }

    private CompletableFuture<HttpResponse<byte[]>> takePrefetched(SyncCheckpoint at) {
        Pending pending = prefetched;
        prefetched = null;
        if (pending == null) {
            return null;
        }
        if (pending.at().pages() == at.pages() && pending.at().offset() == at.offset()) {
            return pending.response();
        }
        pending.response().cancel(true);
        return null;
    }

    private CompletableFuture<HttpResponse<byte[]>> send(SyncCheckpoint at) {
        long wait = nextSendNanos - System.nanoTime();
        if (wait > 0) {
            pause(Duration.ofNanos(wait));
        }
        nextSendNanos = Math.max(System.nanoTime(), nextSendNanos) + spacingNanos;
        HttpRequest.Builder request = HttpRequest.newBuilder(pageUri(at))
                .timeout(Duration.ofSeconds(source.timeoutSecondsOrDefault()))
                .header("Accept", "application/json")
                .header("User-Agent", "Tasklane-Sync/1")
                .GET();
        headers.forEach(request::setHeader);
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The source's URL with the target's query and the paging parameters for {@code at}. */
    URI pageUri(SyncCheckpoint at) {
        Map<String, String> parameters = new LinkedHashMap<>(query);
        switch (pagination) {
            case PAGE -> parameters.put(source.pageParamOrDefault(), Long.toString(at.pages() + 1));
            case OFFSET -> parameters.put(source.pageParamOrDefault(), Long.toString(at.offset()));
            case CURSOR -> {
                if (at.cursor() != null) {
                    parameters.put(source.pageParamOrDefault(), at.cursor());
                }
            }
        }
        parameters.put(source.sizeParamOrDefault(), Integer.toString(source.pageSizeOrDefault()));
        StringBuilder url = new StringBuilder(source.url());
        char separator = source.url().contains("?") ? '&' : '?';
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            url.append(separator).append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
            separator = '&';
        }
        return URI.create(url.toString());
    }

    private Outcome await(CompletableFuture<HttpResponse<byte[]>> pending, SyncCheckpoint at) {
        while (true) {
            try {
                return classify(pending.get(WAIT_SLICE_MILLIS, TimeUnit.MILLISECONDS), at);
            } catch (TimeoutException stillWaiting) {
                try {
                    keepAlive.run();
                } catch (RuntimeException cancelled) {
                    pending.cancel(true);
                    throw cancelled;
                }
            } catch (ExecutionException e) {
                return Outcome.retry(e.getCause() instanceof HttpTimeoutException
                        ? "no answer within " + source.timeoutSecondsOrDefault() + " s"
                        : "connection failed: " + e.getCause(), null);
            } catch (InterruptedException e) {
                pending.cancel(true);
                throw interrupted();
            }
        }
    }

    private Outcome classify(HttpResponse<byte[]> response, SyncCheckpoint at) {
        int code = response.statusCode();
        long pageNumber = at.pages() + 1;
        if (code / 100 == 2) {
            return Outcome.of(parse(response.body(), at));
        }
        if (code == 408 || code == 429 || code / 100 == 5) {
            return Outcome.retry("source answered " + code,
                    RetryDelay.requestedBy(response, clock.instant(), LONGEST_RETRY_AFTER));
        }
        throw ApplicationFailure.newNonRetryableFailure("page " + pageNumber + ": source answered " + code
                + (code / 100 == 3 ? " (redirects are not followed; give the final URL)"
                : "; check the source's URL and credentials"), SyncActivities.SOURCE_REFUSED);
    }

    /** The page's records and paging fields, or a non-retryable failure naming the page and what is wrong. */
    SourcePage parse(byte[] body, SyncCheckpoint at) {
        long pageNumber = at.pages() + 1;
        JsonNode root;
        try {
            root = json.readValue(body, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw malformed(pageNumber, "is not JSON (" + e.getMessage() + ")");
        }
        JsonNode items = source.itemsFieldOrDefault().isEmpty() ? root : field(root, source.itemsFieldOrDefault());
        if (items == null || !items.isArray()) {
            throw malformed(pageNumber, source.itemsFieldOrDefault().isEmpty() ? "is not a JSON array"
                    : "has no array field '" + source.itemsFieldOrDefault() + "'");
        }
        List<JsonNode> records = new ArrayList<>(items.size());
        items.values().forEach(records::add);
        Long total = null;
        JsonNode totalNode = field(root, source.totalFieldOrDefault());
        if (totalNode != null && !totalNode.isNull()) {
            if (!totalNode.isNumber() || totalNode.getNumberValue().longValue() < 0) {
                throw malformed(pageNumber, "field '" + source.totalFieldOrDefault() + "' is not a count");
            }
            total = totalNode.getNumberValue().longValue();
        }
        String cursor = null;
        if (pagination == SyncSource.Pagination.CURSOR) {
            JsonNode cursorNode = field(root, source.cursorFieldOrDefault());
            if (cursorNode != null && !cursorNode.isNull() && !cursorNode.isString()) {
                throw malformed(pageNumber, "field '" + source.cursorFieldOrDefault() + "' is not a string");
            }
            cursor = cursorNode == null || cursorNode.isNull() || cursorNode.getStringValue().isEmpty() ? null
                    : cursorNode.getStringValue();
        }
        return new SourcePage(records, total, cursor, isLast(at.offset() + records.size(), records.size(), total, cursor));
    }

    /** Whether no page follows one of {@code size} records that ends at record {@code end}. */
    private boolean isLast(long end, int size, @Nullable Long total, @Nullable String cursor) {
        if (size == 0) {
            return true;
        }
        return switch (pagination) {
            case CURSOR -> cursor == null;
            case PAGE, OFFSET -> size < source.pageSizeOrDefault() || total != null && end >= total;
        };
    }

    private static JsonNode field(JsonNode root, String name) {
        return root.isObject() ? root.get(name) : null;
    }

    private static ApplicationFailure malformed(long pageNumber, String reason) {
        return ApplicationFailure.newNonRetryableFailure("page " + pageNumber + " " + reason,
                SyncActivities.MALFORMED_PAGE);
    }

    /** Waits {@code wait}, keeping the activity alive meanwhile. */
    private void pause(Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        for (long left = wait.toNanos(); left > 0; left = until - System.nanoTime()) {
            try {
                Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, WAIT_SLICE_MILLIS));
            } catch (InterruptedException e) {
                throw interrupted();
            }
            keepAlive.run();
        }
    }

    /** The worker is stopping: a retryable failure, so another worker resumes from the checkpoint. */
    private static ApplicationFailure interrupted() {
        Thread.currentThread().interrupt();
        return ApplicationFailure.newFailure("the worker stopped while reading the source", "WorkerStopping");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (prefetched != null) {
            prefetched.response().cancel(true);
        }
    }

    /** A page, or why there was none and when to ask again. */
    private record Outcome(SourcePage page, String error, Duration retryAfter) {

        static Outcome of(SourcePage page) {
            return new Outcome(page, null, null);
        }

        static Outcome retry(String error, @Nullable Duration retryAfter) {
            return new Outcome(null, error, retryAfter);
        }
    }
}
