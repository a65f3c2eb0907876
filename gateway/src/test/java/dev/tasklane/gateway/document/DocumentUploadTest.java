package dev.tasklane.gateway.document;

import com.sun.net.httpserver.HttpServer;
import dev.tasklane.activities.testing.SampleDocuments;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Tokens;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Documents uploaded as files: PDF, Word and Excel made searchable; broken, encrypted and oversized ones refused. */
@MicronautTest
@Property(name = "micronaut.server.max-request-size", value = "2MB")
@Property(name = "micronaut.server.multipart.max-file-size", value = "2MB")
class DocumentUploadTest extends ApiWithReceiverTest {

    private static final String PDF = "application/pdf";
    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final List<String> CONTRACT_PAGES = List.of(
            "This agreement is made between the parties named below. Each party accepts the clause on liability.",
            "Termination of this agreement requires notice in writing. The parties agree to the payment terms.",
            "Signed by both parties on the date written above. Liability is limited as the clause says.");

    @Test
    void aPdfIsReadPageByPage() {
        JsonNode result = processed(api.upload("/api/documents", "contract.pdf", PDF,
                SampleDocuments.pdf(CONTRACT_PAGES), Map.of("chunkSize", "200", "chunkOverlap", "20")));

        assertEquals("pdf", result.get("format").getStringValue());
        assertEquals(3, result.get("pages").getIntValue());
        assertEquals("contract", result.get("category").getStringValue());
        assertEquals("en", result.get("language").getStringValue());
        assertTrue(result.get("chunkCount").getIntValue() >= 2, result.toString());
        JsonNode best = api.get("/api/documents/search?q=termination%20notice%20in%20writing&k=1").json()
                .get("items").get(0);
        assertTrue(best.get("text").getStringValue().contains("Termination"), best.toString());
    }

    @Test
    void aWordDocumentIsRead() {
        JsonNode result = processed(api.upload("/api/documents", "manual.docx", DOCX, SampleDocuments.docx(List.of(
                "How to install the widget: follow each step in this user guide.",
                "Configure the widget before first use. Troubleshooting help is at the end.")), Map.of()));

        assertEquals("docx", result.get("format").getStringValue());
        assertEquals("manual", result.get("category").getStringValue());
    }

    @Test
    void aSpreadsheetReportsItsSheetsFormulasTablesAndCharts() {
        JsonNode result = processed(api.upload("/api/documents", "sales.xlsx", XLSX, SampleDocuments.xlsx(50),
                Map.of("categoryHints", "report")));

        assertEquals("xlsx", result.get("format").getStringValue());
        JsonNode sales = result.get("sheets").get(0);
        assertEquals("Sales", sales.get("name").getStringValue());
        assertEquals(51, sales.get("rows").getIntValue());
        assertEquals(50, sales.get("formulas").getIntValue());
        assertEquals(1, sales.get("tables").getIntValue());
        assertEquals(1, sales.get("charts").getIntValue());
        assertEquals("Notes", result.get("sheets").get(1).get("name").getStringValue());
    }

    @Test
    void aDocumentSubmittedByUrlIsDownloadedByItsTaskUnderTheDestinationRules() throws Exception {
        byte[] pdf = SampleDocuments.pdf(CONTRACT_PAGES.subList(0, 2));
        CountDownLatch released = new CountDownLatch(1);
        HttpServer files = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        files.setExecutor(Executors.newCachedThreadPool());
        files.createContext("/files/contract.pdf", exchange -> {
            try {
                if (!released.await(20, TimeUnit.SECONDS)) {
                    exchange.sendResponseHeaders(503, -1);
                    exchange.close();
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.getResponseHeaders().add("Content-Type", PDF);
            exchange.sendResponseHeaders(200, pdf.length);
            exchange.getResponseBody().write(pdf);
            exchange.close();
        });
        files.createContext("/files/gone.pdf", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        files.start();
        try {
            String base = "http://127.0.0.1:" + files.getAddress().getPort() + "/files/";
            Api.Response submitted = api.post("/api/documents", "{\"url\":\"" + base + "contract.pdf\"}");

            assertEquals(202, submitted.status(), "answered while the file server still holds the document: "
                    + submitted.text());
            assertEquals("contract.pdf", submitted.field("name"));
            released.countDown();
            assertEquals("pdf", processed(submitted).get("format").getStringValue());
            Api.Response stored = api.get("/api/documents/" + submitted.field("id"));
            assertEquals(PDF, stored.field("mediaType"));
            assertEquals(pdf.length, stored.json().get("sizeBytes").getIntValue());

            Api.Response gone = api.post("/api/documents", "{\"url\":\"" + base + "gone.pdf\"}");
            assertEquals(202, gone.status(), gone.text());
            JsonNode error = api.awaitStatus(gone.json().get("task").get("id").getStringValue(), "FAILED").json()
                    .get("error");
            assertEquals("DocumentUnavailable", error.get("type").getStringValue(), error.toString());
            assertTrue(error.get("message").getStringValue().contains("answered 404"), error.toString());

            assertProblem(api.post("/api/documents", "{\"url\":\"http://169.254.169.254/latest/meta-data\"}"), 400,
                    "url");
            assertProblem(api.post("/api/documents", "{\"url\":\"http://0177.0.0.1/x.pdf\"}"), 400, "ambiguous");
            assertProblem(api.post("/api/documents", "{\"url\":\"http://[2001:db8::1]/x.pdf\"}"), 400, "url");
            assertProblem(api.post("/api/documents", "{\"url\":\"ftp://127.0.0.1/x.pdf\"}"), 400, "url");
            assertProblem(api.post("/api/documents", "{\"url\":\"" + base + "contract.pdf\",\"text\":\"x\"}"), 400,
                    "not both");
        } finally {
            released.countDown();
            files.stop(0);
        }
    }

    @Test
    void severalFilesUploadedTogetherRunAsOneBatch() {
        Api.Response submitted = api.upload("/api/documents/bulk", List.of(
                new Api.FilePart("contract.pdf", PDF, SampleDocuments.pdf(List.of(CONTRACT_PAGES.get(0) + " Bulk."))),
                new Api.FilePart("guide.docx", DOCX, SampleDocuments.docx(List.of("A user guide to install and"
                        + " configure the gadget, step by step, sent in bulk.")))), Map.of("concurrency", "2"));

        assertEquals(202, submitted.status(), submitted.text());
        JsonNode result = api.awaitStatus(submitted.json().get("batch").get("id").getStringValue(), "COMPLETED")
                .json().get("result");
        assertEquals(2, result.get("successful").getIntValue(), result.toString());
        String guide = submitted.json().get("documents").get(1).get("documentId").getStringValue();
        assertEquals("docx", api.get("/api/documents/" + guide).json().get("result").get("format").getStringValue());

        assertProblem(api.upload("/api/documents/bulk", List.of(), Map.of("concurrency", "2")), 400, "file");
        assertProblem(api.upload("/api/documents/bulk", List.of(new Api.FilePart("fake.pdf", PDF,
                "not a pdf".getBytes(StandardCharsets.UTF_8))), Map.of()), 415, "fake.pdf");
    }

    @Test
    void contentThePipelineCannotReadFailsTheTaskWithTheReasonAndStoresNoChunks() {
        assertFailsWith(api.upload("/api/documents", "locked.pdf", PDF, SampleDocuments.encryptedPdf(CONTRACT_PAGES),
                Map.of()), "encrypted");
        assertFailsWith(api.upload("/api/documents", "broken.pdf", PDF,
                "%PDF-1.7\nthis is not really a PDF".getBytes(StandardCharsets.UTF_8), Map.of()), "corrupt");
        assertFailsWith(api.upload("/api/documents", "bomb.xlsx", XLSX, SampleDocuments.zipBomb(200), Map.of()),
                "zip bomb");
    }

    @Test
    void uploadsTheFirstBytesOrTheSizeRefuseAreAnswered4xx() throws IOException {
        byte[] text = "Some words in a plain text file.".getBytes(StandardCharsets.UTF_8);
        assertProblem(api.upload("/api/documents", "empty.txt", "text/plain", new byte[0], Map.of()), 400, "empty");
        assertProblem(api.upload("/api/documents", "program.bin", "application/octet-stream",
                new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0}, Map.of()), 415, "binary");
        assertProblem(api.upload("/api/documents", "fake.pdf", PDF, text, Map.of()), 415, "declared application/pdf");
        assertProblem(api.upload("/api/documents", "old.doc", "application/msword",
                new byte[] {(byte) 0xd0, (byte) 0xcf, 0x11, (byte) 0xe0, (byte) 0xa1, (byte) 0xb1, 0x1a, (byte) 0xe1},
                Map.of()), 415, "encrypted Office");
        assertEquals(413, statusOfOversizedUpload(3 * 1024 * 1024), "an upload over the size limit is refused");
        assertProblem(api.upload("/api/documents", "note.txt", "text/plain", text, Map.of("chunkSize", "ten")), 400,
                "chunkSize");
        assertProblem(api.upload("/api/documents", "note.txt", "text/plain", text, Map.of("chunkSize", "100")), 400,
                "chunkSize");
    }

    @Test
    void aPartWithAMalformedContentTypeIsRefusedNamingThePart() {
        byte[] text = "Some words in a plain text file.".getBytes(StandardCharsets.UTF_8);
        for (String malformed : List.of("x", "a/b/c", "text/plain;;")) {
            assertProblem(api.upload("/api/documents", "note.txt", malformed, text, Map.of()), 400,
                    "part note.txt has a malformed Content-Type");
            assertProblem(api.upload("/api/documents/bulk", List.of(new Api.FilePart("note.txt", malformed, text)),
                    Map.of()), 400, "part note.txt has a malformed Content-Type");
        }
        assertProblem(api.upload("/api/documents", "note.txt", "text/plain; charset", text, Map.of()), 400,
                "Content-Type parameter without a value");
        assertProblem(api.upload("/api/documents/bulk", List.of(new Api.FilePart("note.txt", "text/plain; charset",
                text)), Map.of()), 400, "Content-Type parameter without a value");
    }

    @Test
    void tenThousandPartsAreRefusedAndTheServerKeepsServing() throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            body.append("--x\r\nContent-Disposition: form-data; name=\"f").append(i).append("\"\r\n\r\nv\r\n");
        }
        body.append("--x--\r\n");
        for (String path : List.of("/api/documents", "/api/documents/bulk")) {
            HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(HttpRequest.newBuilder(api.uri(path)).header("Authorization", "Bearer " + Tokens.admin())
                            .header("Content-Type", "multipart/form-data; boundary=x")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                            HttpResponse.BodyHandlers.ofString());

            assertEquals(413, response.statusCode(), path + ": " + response.body());
            assertTrue(response.body().contains("parts"), response.body());
        }
        assertEquals(202, api.upload("/api/documents", "after.txt", "text/plain",
                "Still serving after the flood of parts.".getBytes(StandardCharsets.UTF_8), Map.of()).status());
    }

    @Test
    void aTextOfControlCharactersIsRefused() {
        String nul = "\\u0000".repeat(100_000);

        assertProblem(api.post("/api/documents", "{\"text\":\"" + nul + "\"}"), 400, "control characters");
        assertProblem(api.post("/api/documents/bulk", "{\"documents\":[{\"text\":\"" + nul.substring(0, 6_000)
                + "\"}]}"), 400, "documents[0].text");
    }

    @Test
    void aMalformedMediaTypeIsRefusedNamingTheField() {
        for (String malformed : List.of("a/b/c", "x", "text/plain; charset", "text /plain")) {
            assertProblem(api.post("/api/documents", "{\"text\":\"Some words.\",\"mediaType\":\"" + malformed
                    + "\"}"), 400, "mediaType");
            assertProblem(api.post("/api/documents/bulk", "{\"documents\":[{\"text\":\"Some words.\","
                    + "\"mediaType\":\"" + malformed + "\"}]}"), 400, "documents[0].mediaType");
        }
    }

    /**
     * Sends a multipart upload announcing {@code length} bytes over a plain socket, writing the body from another
     * thread (a server that refuses it stops reading), and returns the final status code the server answers.
     */
    private int statusOfOversizedUpload(long length) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getPort())) {
            socket.setSoTimeout(10_000);
            String request = "POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + Tokens.admin()
                    + "\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: " + length
                    + "\r\nExpect: 100-continue\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread body = new Thread(() -> {
                try {
                    out.write(new byte[(int) length]);
                } catch (IOException refused) {
                    // the server stopped reading
                }
            });
            body.setDaemon(true);
            body.start();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("HTTP/1.1 ") && !line.startsWith("HTTP/1.1 100")) {
                    return Integer.parseInt(line.split(" ")[1]);
                }
            }
            throw new IOException("the server closed the connection without a final answer");
        }
    }

    private JsonNode processed(Api.Response uploaded) {
        assertEquals(202, uploaded.status(), uploaded.text());
        api.awaitStatus(uploaded.json().get("task").get("id").getStringValue(), "COMPLETED");
        return api.get("/api/documents/" + uploaded.field("id")).json().get("result");
    }

    private void assertFailsWith(Api.Response uploaded, String reason) {
        assertEquals(202, uploaded.status(), uploaded.text());
        Api.Response failed = api.awaitStatus(uploaded.json().get("task").get("id").getStringValue(), "FAILED");
        JsonNode error = failed.json().get("error");
        assertEquals("UnprocessableDocument", error.get("type").getStringValue(), failed.text());
        assertTrue(error.get("message").getStringValue().contains(reason), failed.text());
        assertEquals(0, api.get("/api/documents/" + uploaded.field("id") + "/chunks").json().get("total").getIntValue());
    }

    private static void assertProblem(Api.Response response, int status, String saying) {
        assertEquals(status, response.status(), response.text());
        assertEquals("application/problem+json", response.contentType());
        assertTrue(response.text().contains(saying), "the problem says " + saying + ": " + response.text());
    }
}
