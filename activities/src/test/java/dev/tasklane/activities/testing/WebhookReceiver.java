package dev.tasklane.activities.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real HTTP receiver on a loopback address for tests: records requests and answers as a test scripts it. */
public final class WebhookReceiver implements AutoCloseable {

    /** A request the receiver got. */
    public record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** How to answer one request; a held reply waits until {@link #release()} or {@link #close()}. */
    public record Reply(int status, Map<String, String> headers, boolean held) {

        public static Reply status(int status) {
            return new Reply(status, Map.of(), false);
        }

        public static Reply withHeader(int status, String name, String value) {
            return new Reply(status, Map.of(name, value), false);
        }

        public static Reply heldUntilReleased(int status) {
            return new Reply(status, Map.of(), true);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final BlockingQueue<Received> arrivals = new LinkedBlockingQueue<>();
    private final Deque<Reply> script = new ArrayDeque<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private final Map<String, Reply> byPath = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Reply otherwise = Reply.status(200);
    private volatile boolean recordArrivals = true;

    private WebhookReceiver(String host) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), 0), 128);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a receiver on {@code host} (127.0.0.1, 127.0.0.2, ::1) at a free port. */
    public static WebhookReceiver start(String host) {
        try {
            return new WebhookReceiver(host);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next requests get these replies in order; later ones get {@link #otherwise(Reply)}'s reply. */
    public synchronized WebhookReceiver replyInOrder(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    /** Requests to {@code path} get {@code reply}, whatever else is scripted. */
    public WebhookReceiver replyTo(String path, Reply reply) {
        byPath.put(path, reply);
        return this;
    }

    public WebhookReceiver otherwise(Reply reply) {
        otherwise = reply;
        return this;
    }

    public String url(String path) {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().getHostAddress();
        String literal = host.contains(":") ? "[" + host.replaceFirst("%.*$", "") + "]" : host;
        return URI.create("http://" + literal + ":" + address.getPort() + path).toString();
    }

    public List<Received> requests() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** How many requests arrived so far. */
    public int count() {
        return received.size();
    }

    /** The next request to arrive, waiting up to {@code timeout}; null if none came. */
    public Received awaitRequest(Duration timeout) throws InterruptedException {
        return arrivals.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops queueing arrivals for {@link #awaitRequest}, for long runs that only count requests. */
    public WebhookReceiver countOnly() {
        recordArrivals = false;
        return this;
    }

    /** Lets every held reply go. */
    public void release() {
        released.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                Map.copyOf(exchange.getRequestHeaders()), exchange.getRequestBody().readAllBytes());
        received.add(request);
        if (recordArrivals) {
            arrivals.add(request);
        }
        Reply reply = byPath.containsKey(request.path()) ? byPath.get(request.path()) : nextReply();
        if (reply.held()) {
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(reply.status(), -1);
        exchange.close();
    }

    private synchronized Reply nextReply() {
        return script.isEmpty() ? otherwise : script.poll();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        executor.shutdownNow();
    }
}
