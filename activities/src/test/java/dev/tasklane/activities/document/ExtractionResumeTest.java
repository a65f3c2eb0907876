package dev.tasklane.activities.document;

import dev.tasklane.activities.testing.SampleDocuments;
import dev.tasklane.workflows.document.DocumentExtraction;
import dev.tasklane.workflows.document.DocumentPipelineActivities;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.activity.ActivityOptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An extraction that a dead worker left half done resumes where its last heartbeat said: what it already stored is
 * not stored twice, and PDF pages before the checkpoint are not even read again.
 */
@MicronautTest(transactional = false)
@Property(name = "datasources.default.url", value = "jdbc:h2:mem:pdf-resume;DB_CLOSE_DELAY=-1")
class ExtractionResumeTest extends DocumentStagesTest {

    private static final String DOCUMENT_ID = "doc-resume";

    @Test
    void anExtractionResumesAtTheCheckpointItsLastHeartbeatRecorded() throws Exception {
        List<String> pages = IntStream.rangeClosed(1, 30)
                .mapToObj(n -> "Page marker-p%02d of the long report with its findings.".formatted(n)).toList();
        byte[] pdf = SampleDocuments.pdf(pages);
        documents.insert(new DocumentRow(DOCUMENT_ID, "default", "anonymous", "long.pdf", "checksum-resume",
                pdf.length, "application/pdf", TASK_ID, null, Instant.now()), new ByteArrayInputStream(pdf));
        documents.appendText(DOCUMENT_ID, 0, "stored by the attempt that died, pages 1 to 10\n");
        documents.appendText(DOCUMENT_ID, 1, "half-written part the dead attempt left\n");
        environment.setHeartbeatDetails(new DocumentPipelineActivitiesImpl.ExtractionCheckpoint(10, 1, 47, 47));
        List<DocumentPipelineActivitiesImpl.ExtractionCheckpoint> checkpoints = new ArrayList<>();
        environment.setActivityHeartbeatListener(DocumentPipelineActivitiesImpl.ExtractionCheckpoint.class,
                checkpoints::add);
        environment.registerActivitiesImplementations(stages);
        DocumentPipelineActivities activities = environment.newActivityStub(DocumentPipelineActivities.class,
                ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());

        DocumentExtraction extraction = activities.extract(DOCUMENT_ID, "pdf");

        String text = documents.text(DOCUMENT_ID);
        assertEquals(30, extraction.pages());
        assertTrue(text.startsWith("stored by the attempt that died"), "the stored parts stay: " + text);
        assertFalse(text.contains("half-written"), "a part after the checkpoint is written again, not kept twice");
        assertFalse(text.contains("marker-p05"), "pages before the checkpoint are not read again");
        assertTrue(text.contains("marker-p11") && text.contains("marker-p30"), text);
        DocumentPipelineActivitiesImpl.ExtractionCheckpoint first = checkpoints.get(0);
        assertEquals(List.of(20L, 2), List.of(first.unitsDone(), first.nextPart()),
                "the first new checkpoint follows the resumed one: pages 11-20 went to part 1");
        assertTrue(first.characters() > 47 && first.characters() < documents.textLength(DOCUMENT_ID),
                "the characters the stored parts hold carry on from the resumed count: " + first);
    }

    @Test
    void aSpreadsheetExtractionStoresOnlyThePartsAfterItsCheckpoint() throws Exception {
        byte[] sheet = SampleDocuments.xlsx(5000);
        documents.insert(new DocumentRow("doc-sheet", "default", "anonymous", "sales.xlsx", "checksum-sheet",
                sheet.length, null, TASK_ID, null, Instant.now()), new ByteArrayInputStream(sheet));
        documents.appendText("doc-sheet", 0, "rows the attempt that died stored\n");
        environment.setHeartbeatDetails(new DocumentPipelineActivitiesImpl.ExtractionCheckpoint(2000, 1, 34, 34));
        environment.registerActivitiesImplementations(stages);
        DocumentPipelineActivities activities = environment.newActivityStub(DocumentPipelineActivities.class,
                ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());

        DocumentExtraction extraction = activities.extract("doc-sheet", "xlsx");

        String text = documents.text("doc-sheet");
        assertTrue(text.startsWith("rows the attempt that died stored"), "the stored part stays");
        assertFalse(text.contains("Widget 10\t"), "rows of the stored part are not stored again");
        assertTrue(text.contains("Widget 4999\t") && text.contains("quarterly results"), "later rows and sheets are");
        assertEquals(5001, extraction.sheets().get(0).rows());
    }
}
