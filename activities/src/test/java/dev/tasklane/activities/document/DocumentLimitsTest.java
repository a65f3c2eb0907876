package dev.tasklane.activities.document;

import dev.tasklane.activities.testing.SampleDocuments;
import dev.tasklane.workflows.document.DocumentPipelineActivities;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each document is bounded: pages, characters, rows and bytes it may write to the store. Going past a limit fails
 * the stage, not retried, with a message naming the setting, before the write that would pass it.
 */
@MicronautTest(transactional = false)
@Property(name = "datasources.default.url", value = "jdbc:h2:mem:document-limits;DB_CLOSE_DELAY=-1")
@Property(name = "tasklane.documents.max-pages", value = "40")
@Property(name = "tasklane.documents.max-text-rows", value = "3")
@Property(name = "tasklane.documents.max-characters", value = "20000")
@Property(name = "tasklane.documents.max-stored-bytes", value = "30000")
class DocumentLimitsTest extends DocumentStagesTest {

    private DocumentPipelineActivities activities;

    @BeforeEach
    void stubTheStages() {
        environment.registerActivitiesImplementations(stages);
        activities = environment.newActivityStub(DocumentPipelineActivities.class,
                ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());
    }

    @Test
    void aPdfWithMorePagesThanTheLimitIsRefusedBeforeAnyPageIsRead() throws Exception {
        store("doc-pages", "application/pdf", SampleDocuments.pdf(pages(41)));

        assertRefused(() -> activities.extract("doc-pages", "pdf"),
                "the document has more than 40 pages (tasklane.documents.max-pages)");
        assertEquals(0, documents.textLength("doc-pages"));
    }

    @Test
    void aPdfWhoseTextNeedsMoreRowsIsRefusedAtTheRowThatWouldPassTheLimit() throws Exception {
        store("doc-rows", "application/pdf", SampleDocuments.pdf(pages(35)));

        assertRefused(() -> activities.extract("doc-rows", "pdf"),
                "the document needs more than 3 rows of text in the store (tasklane.documents.max-text-rows)");
        String text = documents.text("doc-rows");
        assertTrue(text.contains("marker-p30") && !text.contains("marker-p31"), "three parts of ten pages: " + text);
    }

    @Test
    void aTextLongerThanTheCharacterLimitIsRefusedUnstored() throws Exception {
        store("doc-characters", "text/plain", "A sentence of plain words. ".repeat(1000).getBytes(StandardCharsets.UTF_8));

        assertRefused(() -> activities.extract("doc-characters", "text"),
                "the document has more than 20000 characters of text (tasklane.documents.max-characters)");
        assertEquals(0, documents.textLength("doc-characters"));
    }

    @Test
    void aTextTakingMoreBytesThanTheLimitIsRefusedUnstored() throws Exception {
        store("doc-bytes", "text/plain", "Предложение из простых слов. ".repeat(600).getBytes(StandardCharsets.UTF_8));

        assertRefused(() -> activities.extract("doc-bytes", "text"),
                "the document needs more than 30000 bytes in the store (tasklane.documents.max-stored-bytes)");
        assertEquals(0, documents.textLength("doc-bytes"));
    }

    @Test
    void textCutIntoMoreChunksThanTheRowLimitIsRefusedBeforeAnyChunkIsStored() throws Exception {
        store("doc-chunks", "text/plain", new byte[] {'x'});
        documents.replaceText("doc-chunks", "A short sentence about the quarterly results. ".repeat(20));

        assertRefused(() -> activities.chunk("doc-chunks", 100, 0),
                "the document needs more than 3 rows of text in the store (tasklane.documents.max-text-rows)");
        assertEquals(0, documents.chunkCount("doc-chunks"));
    }

    private static void assertRefused(Executable stage, String message) {
        ActivityFailure failure = assertThrows(ActivityFailure.class, stage);
        ApplicationFailure refusal = assertInstanceOf(ApplicationFailure.class, failure.getCause());
        assertEquals(DocumentPipelineActivities.UNPROCESSABLE, refusal.getType());
        assertTrue(refusal.isNonRetryable(), "a limit is not retried");
        assertEquals(message, refusal.getOriginalMessage());
    }

    private void store(String id, String mediaType, byte[] content) throws Exception {
        documents.find(id).ifPresent(existing -> documents.delete(id));
        documents.insert(new DocumentRow(id, "default", "anonymous", id, "checksum-" + id, content.length, mediaType,
                TASK_ID, null, Instant.now()), new ByteArrayInputStream(content));
    }

    private static List<String> pages(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(n -> "Page marker-p%02d of the long report with its findings.".formatted(n)).toList();
    }
}
