package dev.tasklane.activities.document;

import dev.tasklane.activities.progress.ProgressReporter;
import dev.tasklane.activities.store.JsonColumns;
import dev.tasklane.activities.store.TaskRepository;
import dev.tasklane.activities.store.TaskRow;
import dev.tasklane.workflows.document.CrossReference;
import dev.tasklane.workflows.document.DocumentClassification;
import dev.tasklane.workflows.document.DocumentExtraction;
import dev.tasklane.workflows.document.DocumentPipelineActivities;
import dev.tasklane.workflows.document.DocumentPipelineResult;
import dev.tasklane.workflows.document.DocumentStage;
import dev.tasklane.workflows.document.QualityReport;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** The document pipeline's stages, each reading from and writing to the {@link DocumentStore}. */
@Singleton
public class DocumentPipelineActivitiesImpl implements DocumentPipelineActivities {

    private static final int SNIFF_BYTES = 8192;
    private static final int LINKS_PER_CHUNK = 5;
    private static final Set<String> TEXT_FORMATS = Set.of(FormatSniffer.TEXT, FormatSniffer.MARKDOWN,
            FormatSniffer.HTML);

    private final DocumentStore documents;
    private final TaskRepository tasks;
    private final CategoryRules categories;
    private final EmbeddingProvider embeddings;
    private final DocumentQuality quality;
    private final DocumentProperties properties;
    private final ProgressReporter reporter;
    private final JsonColumns json;
    private final Clock clock;

    public DocumentPipelineActivitiesImpl(DocumentStore documents, TaskRepository tasks, CategoryRules categories,
                                          EmbeddingProvider embeddings, DocumentQuality quality,
                                          DocumentProperties properties, ProgressReporter reporter, JsonColumns json,
                                          Clock clock) {
        this.documents = documents;
        this.tasks = tasks;
        this.categories = categories;
        this.embeddings = embeddings;
        this.quality = quality;
        this.properties = properties;
        this.reporter = reporter;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public DocumentClassification classify(String documentId, List<String> categoryHints) {
        StageProgress progress = progress(DocumentStage.CLASSIFYING);
        DocumentRow document = document(documentId);
        byte[] head;
        try (InputStream content = documents.content(documentId)) {
            head = content.readNBytes(SNIFF_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (head.length == 0) {
            throw unprocessable("the document is empty");
        }
        String format = FormatSniffer.sniff(head).orElseThrow(() -> unprocessable("the content is binary and not a"
                + " format Tasklane reads (" + describe(document) + ")"));
        if (!TEXT_FORMATS.contains(format)) {
            throw unprocessable("documents in " + format + " format cannot be processed yet (" + describe(document)
                    + "); send text, Markdown or HTML");
        }
        String text = text(documentId, format);
        CategoryRules.Match category = categories.categorise(text, categoryHints);
        progress.report(1, 1, "format " + format + ", category " + category.category(), null);
        return new DocumentClassification(format, LanguageGuesser.guess(text), category.category(),
                String.join(", ", category.keywords()));
    }

    @Override
    public DocumentExtraction extract(String documentId, String format) {
        StageProgress progress = progress(DocumentStage.EXTRACTING);
        document(documentId);
        String text = text(documentId, format);
        if (text.isBlank()) {
            throw unprocessable("the document has no text");
        }
        documents.replaceText(documentId, text);
        progress.report(text.length(), text.length(), text.length() + " characters of text", null);
        return new DocumentExtraction(text.length(), null, List.of());
    }

    @Override
    public int chunk(String documentId, int chunkSize, int chunkOverlap) {
        StageProgress progress = progress(DocumentStage.CHUNKING);
        DocumentRow document = document(documentId);
        List<Chunker.Chunk> chunks = Chunker.chunk(documents.text(documentId), chunkSize, chunkOverlap);
        if (chunks.isEmpty()) {
            throw unprocessable("the document has no text to chunk");
        }
        documents.replaceChunks(documentId, document.tenant(), chunks);
        progress.report(chunks.size(), chunks.size(), chunks.size() + " chunks", null);
        return chunks.size();
    }

    @Override
    public int embed(String documentId) {
        StageProgress progress = progress(DocumentStage.EMBEDDING);
        int total = documents.chunkCount(documentId);
        int embedded = 0;
        List<StoredChunk> batch;
        while (!(batch = documents.unembedded(documentId, properties.embeddingBatch())).isEmpty()) {
            documents.saveEmbeddings(batch, embeddings.embed(batch.stream().map(StoredChunk::text).toList()));
            embedded += batch.size();
            int through = batch.get(batch.size() - 1).seq() + 1;
            progress.report(through, total, "embedded " + through + " of " + total + " chunks", through);
        }
        return embedded;
    }

    @Override
    public int store(String documentId) {
        StageProgress progress = progress(DocumentStage.STORING);
        int total = documents.chunkCount(documentId);
        int published = 0;
        for (int batch; (batch = documents.publish(documentId, properties.embeddingBatch())) > 0; ) {
            published += batch;
            progress.report(published, total, "stored " + published + " of " + total + " chunks", published);
        }
        return total;
    }

    @Override
    public List<CrossReference> integrate(String documentId) {
        StageProgress progress = progress(DocumentStage.INTEGRATING);
        DocumentRow document = document(documentId);
        List<StoredChunk> own = documents.chunks(documentId, 0, Integer.MAX_VALUE);
        List<List<ChunkLink>> candidates = new ArrayList<>();
        own.forEach(chunk -> candidates.add(new ArrayList<>()));
        double threshold = properties.linkThreshold();
        long[] compared = {0};
        documents.forEachPublished(document.tenant(), documentId, other -> {
            for (int i = 0; i < own.size(); i++) {
                double score = EmbeddingProvider.similarity(own.get(i).embedding(), other.embedding());
                if (score >= threshold) {
                    candidates.get(i).add(new ChunkLink(own.get(i).id(), other.id(), other.documentId(), score));
                }
            }
            if (++compared[0] % 1000 == 0) {
                progress.report(0, 1, "compared with " + compared[0] + " chunks", null);
            }
        });
        List<ChunkLink> links = new ArrayList<>();
        for (List<ChunkLink> forChunk : candidates) {
            forChunk.stream().sorted(Comparator.comparingDouble(ChunkLink::score).reversed()).limit(LINKS_PER_CHUNK)
                    .forEach(links::add);
        }
        documents.replaceLinks(documentId, links);
        List<CrossReference> references = documents.crossReferences(documentId);
        progress.report(1, 1, references.size() + " related documents", null);
        return references;
    }

    @Override
    public QualityReport checkQuality(String documentId, DocumentExtraction extraction) {
        StageProgress progress = progress(DocumentStage.QUALITY_CHECK);
        QualityReport report = quality.assess(documents.text(documentId),
                documents.chunks(documentId, 0, Integer.MAX_VALUE));
        if (report.score() < properties.qualityThreshold()) {
            throw ApplicationFailure.newNonRetryableFailure(String.format("quality score %.2f is below %.2f: %s",
                    report.score(), properties.qualityThreshold(), String.join("; ", report.findings())),
                    QUALITY_TOO_LOW);
        }
        progress.report(1, 1, String.format("quality score %.2f", report.score()), null);
        return report;
    }

    @Override
    public void recordResult(DocumentPipelineResult result) {
        documents.recordResult(result.documentId(), json.write(result));
    }

    @Override
    public void discard(String documentId) {
        documents.discardDerived(documentId);
    }

    /** The document, which must belong to the tenant of the task processing it. */
    private DocumentRow document(String documentId) {
        String tenant = task().tenant();
        return documents.find(documentId).filter(d -> d.tenant().equals(tenant))
                .orElseThrow(() -> unprocessable("document " + documentId + " does not exist in tenant " + tenant));
    }

    private String text(String documentId, String format) {
        try (InputStream content = documents.content(documentId)) {
            return TextExtractor.extract(content, format);
        } catch (IOException e) {
            throw unprocessable("cannot read the document as " + format + ": " + e.getMessage());
        }
    }

    private StageProgress progress(DocumentStage stage) {
        TaskRow task = task();
        return new StageProgress(reporter, stage, task.startedAt() == null ? clock.instant() : task.startedAt(), clock);
    }

    private TaskRow task() {
        String taskId = Activity.getExecutionContext().getInfo().getWorkflowId();
        return tasks.findById(taskId).orElseThrow(() -> unprocessable("task " + taskId + " is not in the catalog"));
    }

    private static String describe(DocumentRow document) {
        return (document.name() == null ? "unnamed" : document.name()) + ", declared "
                + (document.mediaType() == null ? "without a type" : document.mediaType());
    }

    private static ApplicationFailure unprocessable(String reason) {
        return ApplicationFailure.newNonRetryableFailure(reason, UNPROCESSABLE);
    }
}
