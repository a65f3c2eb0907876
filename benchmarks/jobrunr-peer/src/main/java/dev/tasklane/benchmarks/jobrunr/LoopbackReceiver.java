package dev.tasklane.benchmarks.jobrunr;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A receiver on 127.0.0.1 inside the peer's own process, for running the peer alone: it answers every request 200,
 * as the delivery benchmark's receiver does, but shares the peer's CPU, which the benchmark's receiver does not.
 */
final class LoopbackReceiver implements AutoCloseable {

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpServer server;

    private LoopbackReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 128);
        server.setExecutor(executor);
        server.createContext("/", LoopbackReceiver::answer);
        server.start();
    }

    static LoopbackReceiver start() throws IOException {
        return new LoopbackReceiver();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
        }
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
