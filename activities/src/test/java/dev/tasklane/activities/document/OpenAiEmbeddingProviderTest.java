package dev.tasklane.activities.document;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.ApplicationContext;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OpenAI-compatible provider against a real local HTTP server that answers as such an API does. */
class OpenAiEmbeddingProviderTest {

    private final AtomicReference<String> requestBody = new AtomicReference<>();
    private final AtomicReference<String> authorization = new AtomicReference<>();
    private volatile int status = 200;
    private HttpServer api;
    private ApplicationContext context;

    @BeforeEach
    void start() throws IOException {
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/v1/embeddings", exchange -> {
            requestBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] answer = (status == 200
                    ? "{\"data\":[{\"index\":1,\"embedding\":[0,3,4]},{\"index\":0,\"embedding\":[2,0,0]}],\"model\":\"m\"}"
                    : "{\"error\":{\"message\":\"no such model\"}}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        api.start();
        context = ApplicationContext.run(Map.of(
                "datasources.default.url", "jdbc:h2:mem:openai-embedding;DB_CLOSE_DELAY=-1",
                "tasklane.documents.embedding.provider", "openai",
                "tasklane.documents.embedding.url", "http://127.0.0.1:" + api.getAddress().getPort() + "/v1/",
                "tasklane.documents.embedding.model", "text-embedding-test",
                "tasklane.documents.embedding.api-key", "sk-test",
                "tasklane.documents.embedding.dimensions", 3), "test");
    }

    @AfterEach
    void stop() {
        context.close();
        api.stop(0);
    }

    @Test
    void textsGoOutWithTheModelAndKeyAndVectorsComeBackInOrderAtUnitLength() {
        EmbeddingProvider provider = context.getBean(EmbeddingProvider.class);
        assertInstanceOf(OpenAiEmbeddingProvider.class, provider);

        List<float[]> vectors = provider.embed(List.of("first", "second"));

        assertTrue(requestBody.get().contains("\"model\":\"text-embedding-test\""), requestBody.get());
        assertTrue(requestBody.get().contains("\"input\":[\"first\",\"second\"]"), requestBody.get());
        assertEquals("Bearer sk-test", authorization.get());
        assertEquals(1.0f, vectors.get(0)[0], 1e-6, "index 0 is the first text's vector");
        assertEquals(0.6f, vectors.get(1)[1], 1e-6, "and it is scaled to unit length");
        assertEquals(0.8f, vectors.get(1)[2], 1e-6);
        assertEquals(3, provider.dimensions());
    }

    @Test
    void aRefusalFailsForGoodAndAnOutageIsLeftToTheRetries() {
        EmbeddingProvider provider = context.getBean(EmbeddingProvider.class);
        status = 400;
        ApplicationFailure refused = assertThrows(ApplicationFailure.class, () -> provider.embed(List.of("x")));
        assertTrue(refused.isNonRetryable());
        assertTrue(refused.getOriginalMessage().contains("no such model"), refused.getOriginalMessage());

        status = 503;
        RuntimeException outage = assertThrows(RuntimeException.class, () -> provider.embed(List.of("x")));
        assertTrue(!(outage instanceof ApplicationFailure failure) || !failure.isNonRetryable());
    }
}
