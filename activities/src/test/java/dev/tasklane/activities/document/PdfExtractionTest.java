package dev.tasklane.activities.document;

import dev.tasklane.activities.testing.SampleDocuments;
import dev.tasklane.workflows.document.DocumentExtraction;
import dev.tasklane.workflows.document.DocumentPipelineActivities;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.CanceledFailure;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PDFs are read from their real page tree, once per pass, in parts that each heartbeat: a declared page count
 * is not believed, the work grows with the pages, and a cancelled extraction stops at its next heartbeat.
 */
@MicronautTest(transactional = false)
@Property(name = "datasources.default.url", value = "jdbc:h2:mem:pdf-extraction;DB_CLOSE_DELAY=-1")
class PdfExtractionTest extends DocumentStagesTest {

    @TempDir
    Path folder;

    @Test
    @Timeout(60)
    void aPdfThatClaimsTwoBillionPagesIsReadAsTheThreePagesItsPageTreeHolds() throws Exception {
        byte[] pdf = SampleDocuments.pdfClaimingPages(pages(3), Integer.MAX_VALUE);
        try (PDDocument claimed = Loader.loadPDF(pdf)) {
            assertEquals(Integer.MAX_VALUE, claimed.getNumberOfPages(), "the file declares 2,147,483,647 pages");
        }
        store("doc-claims", pdf);

        DocumentExtraction extraction = activities().extract("doc-claims", "pdf");

        assertEquals(3, extraction.pages());
        String text = documents.text("doc-claims");
        assertTrue(text.contains("marker-p001") && text.contains("marker-p003"), text);
    }

    @Test
    void eachPageIsVisitedOncePerPassNotOncePerPart() throws Exception {
        int count = 3000;
        Path file = Files.write(folder.resolve("long.pdf"), SampleDocuments.pdf(pages(count)));
        List<Long> partEnds = new ArrayList<>();

        try (PdfExtractor pdf = PdfExtractor.open(file)) {
            long pages = pdf.pages(Long.MAX_VALUE, counted -> { });
            pdf.extract(0, pages, (text, done, total) -> partEnds.add(done));

            assertEquals(count, pages);
            assertEquals(2L * count, pdf.pagesVisited(), "one pass to count and one to read, whatever the parts");
        }
        assertEquals(count / PdfExtractor.PAGES_PER_PART, partEnds.size());
        try (PdfExtractor pdf = PdfExtractor.open(file)) {
            pdf.extract(count / 2, count, (text, done, total) -> { });

            assertEquals(count, pdf.pagesVisited(), "a resumed pass walks past the pages before it once");
        }
    }

    @Test
    void objectStreamsReadWithTheSharedKeyIndexGiveTheTextPdfBoxsOwnParserGives() throws Exception {
        byte[] bytes = SampleDocuments.pdf(pages(600));
        assertTrue(new String(bytes, StandardCharsets.ISO_8859_1).contains("/ObjStm"), "the pages sit in object streams");
        Path file = Files.write(folder.resolve("streams.pdf"), bytes);
        StringBuilder read = new StringBuilder();

        try (PdfExtractor pdf = PdfExtractor.open(file)) {
            pdf.extract(0, pdf.pages(Long.MAX_VALUE, counted -> { }), (text, done, total) -> read.append(text));
        }

        try (PDDocument plain = Loader.loadPDF(bytes)) {
            assertEquals(new PDFTextStripper().getText(plain), read.toString());
        }
    }

    @Test
    void aCancelledExtractionStopsAtItsNextHeartbeatAndWritesNothingMore() throws Exception {
        store("doc-cancelled", SampleDocuments.pdf(pages(300)));
        List<DocumentPipelineActivitiesImpl.ExtractionCheckpoint> heartbeats = new ArrayList<>();
        environment.setActivityHeartbeatListener(DocumentPipelineActivitiesImpl.ExtractionCheckpoint.class,
                checkpoint -> {
                    heartbeats.add(checkpoint);
                    environment.requestCancelActivity();
                });

        assertThrows(CanceledFailure.class, () -> activities().extract("doc-cancelled", "pdf"));

        assertEquals(1, heartbeats.size(), "the heartbeat that heard of the cancellation was the last");
        assertEquals(1, heartbeats.get(0).nextPart());
        assertEquals(documents.text("doc-cancelled").length(), heartbeats.get(0).characters(),
                "only the part before that heartbeat was written");
    }

    private DocumentPipelineActivities activities() {
        environment.registerActivitiesImplementations(stages);
        return environment.newActivityStub(DocumentPipelineActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1)).setHeartbeatTimeout(Duration.ofSeconds(10)).build());
    }

    private void store(String id, byte[] pdf) throws Exception {
        documents.find(id).ifPresent(existing -> documents.delete(id));
        documents.insert(new DocumentRow(id, "default", "anonymous", id + ".pdf", "checksum-" + id, pdf.length,
                "application/pdf", TASK_ID, null, Instant.now()), new ByteArrayInputStream(pdf));
    }

    private static List<String> pages(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(n -> "Page marker-p%03d of the long report with its quarterly findings.".formatted(n)).toList();
    }
}
