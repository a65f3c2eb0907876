package dev.tasklane.activities.document;

import dev.tasklane.activities.progress.ProgressReporter;
import dev.tasklane.store.JsonColumns;
import dev.tasklane.store.task.TaskRepository;
import dev.tasklane.store.task.TaskRow;
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
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The document pipeline's stages, each reading from and writing to the {@link DocumentStore}. */
@Singleton
public class DocumentPipelineActivitiesImpl implements DocumentPipelineActivities {

    private static final int SNIFF_BYTES = 8192;
    private static final int LINKS_PER_CHUNK = 5;
    private static final int CANDIDATE_DOCUMENTS = 20;
    private static final int SAMPLE_PAGES = 5;
    private static final int SAMPLE_CHARACTERS = 65_536;
    private static final Set<String> BINARY_FORMATS = Set.of(FormatSniffer.ZIP, FormatSniffer.PDF,
            OfficeExtractor.DOCX, OfficeExtractor.XLSX);

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
        if (head.length >= 4 && (head[0] & 0xff) == 0xd0 && (head[1] & 0xff) == 0xcf && head[2] == 0x11) {
            throw unprocessable("the document is an encrypted Office file or a legacy .doc/.xls (" + describe(document)
                    + "); send it unencrypted as .docx or .xlsx");
        }
        String sniffed = FormatSniffer.sniff(head).orElseThrow(() -> unprocessable("the content is binary and not a"
                + " format Tasklane reads (" + describe(document) + "); send text, Markdown, HTML, PDF, DOCX or XLSX"));
        return withFile(documentId, sniffed, file -> {
            String format = sniffed.equals(FormatSniffer.ZIP) ? OfficeExtractor.detect(file).orElseThrow(() ->
                    unprocessable("the zip archive holds no Word or Excel document (" + describe(document) + ")"))
                    : sniffed;
            String sample = sample(documentId, format, file);
            CategoryRules.Match category = categories.categorise(sample, categoryHints);
            progress.report(1, 1, "format " + format + ", category " + category.category(), null);
            return new DocumentClassification(format, LanguageGuesser.guess(sample), category.category(),
                    String.join(", ", category.keywords()));
        });
    }

    /** Up to {@link #SAMPLE_CHARACTERS} of the document's text, for classification. */
    private String sample(String documentId, String format, Path file) {
        return switch (format) {
            case FormatSniffer.PDF -> {
                try (PdfExtractor pdf = PdfExtractor.open(file)) {
                    yield pdf.text(SAMPLE_PAGES);
                }
            }
            case OfficeExtractor.DOCX -> OfficeExtractor.wordText(file);
            case OfficeExtractor.XLSX -> {
                StringBuilder sample = new StringBuilder();
                try {
                    OfficeExtractor.sheets(file, (text, done, total) -> {
                        sample.append(text);
                        if (sample.length() >= SAMPLE_CHARACTERS) {
                            throw new SampleComplete();
                        }
                    });
                } catch (SampleComplete enough) {
                    // the first rows tell enough
                }
                yield sample.toString();
            }
            default -> text(documentId, format);
        };
    }

    @Override
    public DocumentExtraction extract(String documentId, String format) {
        StageProgress progress = progress(DocumentStage.EXTRACTING);
        document(documentId);
        DocumentExtraction extraction = withFile(documentId, format, file -> switch (format) {
            case FormatSniffer.PDF -> extractPdf(documentId, file, progress);
            case OfficeExtractor.XLSX -> extractSheets(documentId, file, progress);
            case OfficeExtractor.DOCX -> store(documentId, OfficeExtractor.wordText(file), progress);
            default -> store(documentId, text(documentId, format), progress);
        });
        if (extraction.characters() == 0 || documents.text(documentId).isBlank()) {
            throw unprocessable(format.equals(FormatSniffer.PDF) ? "the PDF has no text layer (scanned pages need OCR)"
                    : "the document has no text");
        }
        return extraction;
    }

    private DocumentExtraction store(String documentId, String text, StageProgress progress) {
        new WriteBudget(properties, 0, 0, 0).spend(DocumentStore.textParts(text.length()), text.length(),
                WriteBudget.utf8Length(text));
        documents.replaceText(documentId, text);
        progress.report(text.length(), text.length(), text.length() + " characters of text", null);
        return new DocumentExtraction(text.length(), null, List.of());
    }

    /**
     * A PDF, opened once and read part by part in one pass over its page tree; after a worker died, resumes at the
     * page its last heartbeat recorded. A PDF with more than {@code max-pages} pages is refused before any is read.
     */
    private DocumentExtraction extractPdf(String documentId, Path file, StageProgress progress) {
        ExtractionCheckpoint resume = resumePoint();
        try (PdfExtractor pdf = PdfExtractor.open(file)) {
            long pages = pdf.pages(properties.maxPages() + 1L,
                    counted -> progress.report(0, 1, counted + " pages counted", resume));
            if (pages > properties.maxPages()) {
                throw WriteBudget.exceeded("the document has more than " + properties.maxPages() + " pages",
                        "max-pages");
            }
            documents.truncateText(documentId, resume.nextPart());
            WriteBudget budget = resume.budget(properties);
            int[] part = {resume.nextPart()};
            pdf.extract(resume.unitsDone(), pages, (text, done, total) -> {
                budget.write(text);
                documents.appendText(documentId, part[0]++, text);
                progress.report(done, total, "page " + done + " of " + total, ExtractionCheckpoint.at(done, budget));
            });
            return new DocumentExtraction(documents.textLength(documentId), (int) pages, List.of());
        }
    }

    /**
     * A workbook, streamed row by row; after a worker died, the parts its last heartbeat recorded as stored are read
     * past without being stored again (part boundaries fall on the same rows every time).
     */
    private DocumentExtraction extractSheets(String documentId, Path file, StageProgress progress) {
        ExtractionCheckpoint resume = resumePoint();
        documents.truncateText(documentId, resume.nextPart());
        WriteBudget budget = resume.budget(properties);
        int[] part = {0};
        List<DocumentExtraction.SheetSummary> sheets = OfficeExtractor.sheets(file, (text, rows, total) -> {
            boolean stored = part[0] >= resume.nextPart();
            if (stored) {
                budget.write(text);
                documents.appendText(documentId, part[0], text);
            }
            part[0]++;
            progress.report(0, 1, rows + " rows read", stored ? ExtractionCheckpoint.at(rows, budget) : resume);
        });
        return new DocumentExtraction(documents.textLength(documentId), null, sheets);
    }

    /** Where the last attempt's heartbeat said its extraction had got to, or the start. */
    private static ExtractionCheckpoint resumePoint() {
        return Activity.getExecutionContext().getHeartbeatDetails(ExtractionCheckpoint.class)
                .orElse(new ExtractionCheckpoint(0, 0, 0, 0));
    }

    /** Runs {@code work} with the content in a temporary file for the binary formats, without one otherwise. */
    private <T> T withFile(String documentId, String format, Function<Path, T> work) {
        if (!BINARY_FORMATS.contains(format)) {
            return work.apply(null);
        }
        try (ContentFile file = ContentFile.copyOf(documents.content(documentId), Long.MAX_VALUE)) {
            return work.apply(file.path());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UnreadableDocumentException e) {
            throw unprocessable(e.getMessage());
        }
    }

    @Override
    public int chunk(String documentId, int chunkSize, int chunkOverlap) {
        StageProgress progress = progress(DocumentStage.CHUNKING);
        DocumentRow document = document(documentId);
        String text = documents.text(documentId);
        List<Chunker.Chunk> chunks = Chunker.chunk(text, chunkSize, chunkOverlap);
        if (chunks.isEmpty()) {
            throw unprocessable("the document has no text to chunk");
        }
        new WriteBudget(properties, 0, 0, WriteBudget.utf8Length(text)).spend(chunks.size(), 0,
                chunks.stream().mapToLong(chunk -> WriteBudget.utf8Length(chunk.text())).sum());
        progress.report(0, chunks.size(), chunks.size() + " chunks cut, storing them", null);
        documents.replaceChunks(document, chunks);
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
            documents.saveEmbeddings(batch, embeddings.embed(batch.stream().map(StoredChunk::text).toList()),
                    embeddings.model());
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
        List<StoredChunk> own = documents.publishedChunks(documentId);
        float[] centroid = StoredChunk.centroid(own);
        documents.saveCentroid(documentId, centroid, embeddings.model());
        Map<String, float[]> centroids = documents.centroids(document.tenant(), document.owner(), documentId,
                embeddings.model());
        List<String> candidates = centroids.entrySet().stream()
                .map(other -> Map.entry(other.getKey(), EmbeddingProvider.similarity(centroid, other.getValue())))
                .filter(other -> other.getValue() >= candidateThreshold())
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(CANDIDATE_DOCUMENTS).map(Map.Entry::getKey).toList();
        List<List<ChunkLink>> found = new ArrayList<>();
        own.forEach(chunk -> found.add(new ArrayList<>()));
        for (int c = 0; c < candidates.size(); c++) {
            progress.report(c, candidates.size(), "comparing with document " + (c + 1) + " of " + candidates.size(),
                    null);
            for (StoredChunk other : documents.publishedChunks(candidates.get(c))) {
                for (int i = 0; i < own.size(); i++) {
                    double score = EmbeddingProvider.similarity(own.get(i).embedding(), other.embedding());
                    if (score >= properties.linkThreshold()) {
                        found.get(i).add(new ChunkLink(own.get(i).id(), other.id(), other.documentId(), score));
                    }
                }
            }
        }
        List<ChunkLink> links = new ArrayList<>();
        for (List<ChunkLink> forChunk : found) {
            forChunk.stream().sorted(Comparator.comparingDouble(ChunkLink::score).reversed()).limit(LINKS_PER_CHUNK)
                    .forEach(links::add);
        }
        documents.replaceLinks(documentId, links);
        List<CrossReference> references = documents.crossReferences(documentId);
        progress.report(1, 1, references.size() + " related documents among " + candidates.size() + " candidates",
                null);
        return references;
    }

    /** Documents whose centroids are this close may hold chunks past the link threshold. */
    private double candidateThreshold() {
        return properties.linkThreshold() / 2;
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

    /**
     * How far an extraction got: units (pages, rows) done, the next text part to write, and the characters and bytes
     * of text the parts before it hold.
     */
    public record ExtractionCheckpoint(long unitsDone, int nextPart, long characters, long bytes) {

        /** What the stored parts have already spent of the document's limits. */
        WriteBudget budget(DocumentProperties limits) {
            return new WriteBudget(limits, nextPart, characters, bytes);
        }

        /** The checkpoint once {@code units} are done and {@code budget} counts every part written. */
        static ExtractionCheckpoint at(long units, WriteBudget budget) {
            return new ExtractionCheckpoint(units, (int) budget.rows(), budget.characters(), budget.bytes());
        }
    }

    /** Stops reading a spreadsheet once the classification sample is full. */
    private static final class SampleComplete extends RuntimeException {
        SampleComplete() {
            super(null, null, false, false);
        }
    }

    private static ApplicationFailure unprocessable(String reason) {
        return ApplicationFailure.newNonRetryableFailure(reason, UNPROCESSABLE);
    }
}
