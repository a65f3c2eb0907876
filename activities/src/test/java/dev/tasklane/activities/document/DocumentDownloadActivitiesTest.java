package dev.tasklane.activities.document;

import com.sun.net.httpserver.HttpServer;
import dev.tasklane.workflows.document.DocumentDownloadActivities;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A document submitted by URL is downloaded by its task, under the destination rules and the size limit. */
@MicronautTest(transactional = false)
@Property(name = "datasources.default.url", value = "jdbc:h2:mem:document-download;DB_CLOSE_DELAY=-1")
@Property(name = "micronaut.server.multipart.max-file-size", value = "1KB")
class DocumentDownloadActivitiesTest {

    private static final byte[] TEXT = "A contract between the parties, downloaded by its task."
            .getBytes(StandardCharsets.UTF_8);

    @Inject
    DocumentDownloadActivitiesImpl downloadsImpl;

    @Inject
    DocumentStore documents;

    private final TestActivityEnvironment environment = TestActivityEnvironment.newInstance();
    private final AtomicInteger requests = new AtomicInteger();
    private DocumentDownloadActivities downloads;
    private HttpServer files;
    private String base;

    @BeforeEach
    void serveFiles() throws Exception {
        files = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        files.createContext("/contract.txt", exchange -> {
            requests.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, TEXT.length);
            exchange.getResponseBody().write(TEXT);
            exchange.close();
        });
        files.createContext("/huge.txt", exchange -> {
            exchange.sendResponseHeaders(200, 4096);
            exchange.getResponseBody().write(new byte[4096]);
            exchange.close();
        });
        files.createContext("/busy", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        files.createContext("/gone", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        files.start();
        base = "http://127.0.0.1:" + files.getAddress().getPort();
        environment.registerActivitiesImplementations(downloadsImpl);
        downloads = environment.newActivityStub(DocumentDownloadActivities.class,
                ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());
    }

    @AfterEach
    void stop() {
        environment.close();
        files.stop(0);
    }

    @Test
    void theDownloadBecomesTheDocumentsContentWithItsChecksumAndType() throws Exception {
        String id = pendingDocument("tenant-a");

        assertEquals(TEXT.length, downloads.download(id, base + "/contract.txt"));

        DocumentRow stored = documents.find(id).orElseThrow();
        assertEquals(TEXT.length, stored.sizeBytes());
        assertEquals("text/plain", stored.mediaType());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(TEXT)), stored.checksum());
        try (InputStream content = documents.content(id)) {
            assertArrayEquals(TEXT, content.readAllBytes());
        }
    }

    @Test
    void aRetriedDownloadReplacesTheContentAndContentTheTenantHasKeepsItsOwnDocument() throws Exception {
        String first = pendingDocument("tenant-b");
        String second = pendingDocument("tenant-b");

        downloads.download(first, base + "/contract.txt");
        downloads.download(second, base + "/contract.txt");
        downloads.download(second, base + "/contract.txt");

        assertEquals(3, requests.get());
        assertTrue(documents.find(second).orElseThrow().checksum().startsWith("pending:"),
                "the checksum stays unique in the tenant");
        try (InputStream content = documents.content(second)) {
            assertArrayEquals(TEXT, content.readAllBytes(), "one copy of the content, not two");
        }
    }

    @Test
    void aDocumentDeletedWhileItDownloadsGetsNoContentAndTheDownloadFailsForGood() throws Exception {
        String id = pendingDocument("tenant-d");
        documents.delete(id);

        ApplicationFailure deleted = failureOf(() -> downloads.download(id, base + "/contract.txt"));

        assertTrue(deleted.isNonRetryable());
        assertTrue(deleted.getOriginalMessage().contains("was deleted"), deleted.getOriginalMessage());
        try (InputStream content = documents.content(id)) {
            assertEquals(0, content.readAllBytes().length, "no content rows were left for the deleted document");
        }
    }

    @Test
    void anAnswerOtherThan200FailsForGoodUnlessItIsTransient() {
        String id = pendingDocument("tenant-c");

        ApplicationFailure gone = failureOf(() -> downloads.download(id, base + "/gone"));
        ApplicationFailure busy = failureOf(() -> downloads.download(id, base + "/busy"));

        assertEquals(DocumentDownloadActivities.UNAVAILABLE, gone.getType());
        assertTrue(gone.isNonRetryable());
        assertTrue(gone.getOriginalMessage().contains("answered 404"), gone.getOriginalMessage());
        assertEquals(DocumentDownloadActivities.DOWNLOAD_FAILED, busy.getType());
        assertFalse(busy.isNonRetryable());
    }

    @Test
    void aDocumentOverTheUploadLimitFailsForGood() {
        ApplicationFailure huge = failureOf(() -> downloads.download(pendingDocument("tenant-d"), base + "/huge.txt"));

        assertEquals(DocumentDownloadActivities.UNAVAILABLE, huge.getType());
        assertTrue(huge.getOriginalMessage().contains("upload limit of 1024 bytes"), huge.getOriginalMessage());
    }

    @Test
    void aDestinationTheRulesRefuseIsNotCalled() {
        String id = pendingDocument("tenant-e");

        ApplicationFailure loopback = failureOf(() -> downloads.download(id, "http://127.0.0.2:"
                + files.getAddress().getPort() + "/contract.txt"));
        ApplicationFailure ambiguous = failureOf(() -> downloads.download(id, "http://0177.0.0.1:"
                + files.getAddress().getPort() + "/contract.txt"));

        assertEquals(DocumentDownloadActivities.UNAVAILABLE, loopback.getType());
        assertTrue(loopback.isNonRetryable());
        assertEquals(DocumentDownloadActivities.UNAVAILABLE, ambiguous.getType());
        assertEquals(0, requests.get());
    }

    private String pendingDocument(String tenant) {
        String id = "doc-" + UUID.randomUUID();
        try {
            documents.insert(new DocumentRow(id, tenant, "ann", "contract.txt", "pending:" + id, 0, null, null, null,
                    Instant.now()), new ByteArrayInputStream(new byte[0]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return id;
    }

    private static ApplicationFailure failureOf(Runnable download) {
        ActivityFailure failure = assertThrows(ActivityFailure.class, download::run);
        return (ApplicationFailure) failure.getCause();
    }
}
