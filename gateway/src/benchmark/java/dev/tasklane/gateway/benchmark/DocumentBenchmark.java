package dev.tasklane.gateway.benchmark;

import dev.tasklane.gateway.support.SseReader;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The document pipeline end to end on the default setup (role all): 1,000-word text documents submitted over REST and
 * processed through all seven stages with the configured embedding provider, the in-process sentence model by default
 * (documents per minute, time per stage, resident memory), then
 * a 50 MB PDF and a 100,000-row spreadsheet, each in a fresh process (peak resident memory while the pipeline reads
 * it).
 */
public final class DocumentBenchmark {

    private static final int DOCUMENTS = Integer.getInteger("benchmark.documents", 1000);
    private static final int WORDS = 1000;
    private static final int SUBMITTERS = 16;
    private static final int PDF_MEGABYTES = Integer.getInteger("benchmark.pdf.megabytes", 50);
    private static final int SHEET_ROWS = Integer.getInteger("benchmark.sheet.rows", 100_000);
    /** The heap the large files' process gets: a small machine's setting, so resident memory shows what the work needs. */
    private static final String PDF_HEAP = System.getProperty("benchmark.pdf.heap", "160m");
    private static final String[] VOCABULARY = ("the of and to in is that for it as with was on be by this are from at"
            + " or an have not which but they their has had were been can more one all would there will when who"
            + " invoice payment contract agreement report analysis quarter results customer order delivery service"
            + " system process data record account balance amount total period review policy market product team"
            + " project schedule budget risk quality security network storage document workflow task queue worker"
            + " retry failure success progress update status event stream client server request response").split(" ");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.createDefault();
    private final AtomicInteger finished = new AtomicInteger();
    private String token;

    public static void main(String[] args) throws Exception {
        DocumentBenchmark benchmark = new DocumentBenchmark();
        if (DOCUMENTS > 0) {
            benchmark.textDocuments();
        }
        benchmark.largeFiles();
        System.exit(0);
    }

    private void textDocuments() throws Exception {
        Map<String, String> roomy = Map.of("TASKLANE_QUOTA_SUBMISSIONS_PER_MINUTE", "1000000",
                "TASKLANE_QUOTA_MAX_UNFINISHED_TASKS", "100000",
                "TASKLANE_QUOTA_SUBMISSIONS_PER_MINUTE_PER_OWNER", "1000000",
                "TASKLANE_QUOTA_MAX_UNFINISHED_TASKS_PER_OWNER", "100000");
        try (BenchmarkProcess tasklane = BenchmarkProcess.start(roomy, List.of());
             SseReader events = SseReader.open(tasklane.base.resolve("/api/tasks/events?type=document-pipeline"),
                     tasklane.token, null)) {
            token = tasklane.token;
            Thread follower = new Thread(() -> countEnds(events), "benchmark-sse");
            follower.setDaemon(true);
            follower.start();

            submitAll(tasklane.base, 50, "warmup");
            BenchmarkProcess.waitFor(() -> finished.get() >= 50, "the warm-up documents");
            int before = finished.get();
            long started = System.nanoTime();
            List<String> ids = submitAll(tasklane.base, DOCUMENTS, "measured");
            BenchmarkProcess.waitFor(() -> finished.get() - before >= DOCUMENTS, "the measured documents");
            double minutes = (System.nanoTime() - started) / 60e9;
            System.out.printf(Locale.ROOT, "documents: %d of %d words in %.1f s = %.0f documents/min (%d submitters,"
                    + " embedding provider %s)%n", DOCUMENTS, WORDS, minutes * 60, DOCUMENTS / minutes, SUBMITTERS,
                    System.getenv().getOrDefault("TASKLANE_DOCUMENTS_EMBEDDING_PROVIDER", "minilm"));
            reportStages(tasklane.base, ids);
            System.out.printf(Locale.ROOT, "RSS after the documents: %d MB (peak %d MB)%n", tasklane.rssKb() / 1024,
                    tasklane.peakRssKb() / 1024);
        }
    }

    private List<String> submitAll(URI base, int count, String label) throws Exception {
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        ExecutorService submitters = Executors.newFixedThreadPool(SUBMITTERS);
        for (int i = 0; i < count; i++) {
            int n = i;
            submitters.execute(() -> ids.add(submit(base, label + "-" + n)));
        }
        submitters.shutdown();
        if (!submitters.awaitTermination(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("submissions did not finish");
        }
        return ids;
    }

    private String submit(URI base, String name) {
        try {
            byte[] body = json.writeValueAsBytes(Map.of("text", text(name), "name", name));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/documents"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                throw new IllegalStateException("submission refused: " + response.body());
            }
            return json.readValue(response.body(), JsonNode.class).get("id").getStringValue();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** About {@link #WORDS} words in sentences, different for every name. */
    private static String text(String name) {
        Random random = new Random(name.hashCode());
        StringBuilder text = new StringBuilder("Document ").append(name).append(". ");
        int words = 2;
        while (words < WORDS) {
            int sentence = 8 + random.nextInt(13);
            for (int i = 0; i < sentence; i++) {
                String word = VOCABULARY[random.nextInt(VOCABULARY.length)];
                text.append(i == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
                text.append(i == sentence - 1 ? ". " : " ");
            }
            words += sentence;
        }
        return text.toString();
    }

    private void reportStages(URI base, List<String> ids) throws Exception {
        Map<String, Double> totals = new LinkedHashMap<>();
        int sampled = Math.min(200, ids.size());
        for (String id : ids.subList(0, sampled)) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/documents/" + id))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode stages = json.readValue(response.body(), JsonNode.class).get("result").get("stageSeconds");
            for (Map.Entry<String, JsonNode> stage : stages.entries()) {
                totals.merge(stage.getKey(), stage.getValue().getNumberValue().doubleValue(), Double::sum);
            }
        }
        double all = totals.values().stream().mapToDouble(Double::doubleValue).sum();
        StringBuilder line = new StringBuilder("time per stage, mean of " + sampled + " documents:");
        totals.forEach((stage, seconds) -> line.append(String.format(Locale.ROOT, " %s %.1f ms (%.0f %%)", stage,
                1000 * seconds / sampled, 100 * seconds / all)));
        System.out.println(line);
    }

    private void countEnds(SseReader events) {
        try {
            for (SseReader.SseEvent event = events.next(BenchmarkProcess.PHASE_LIMIT); event != null;
                 event = events.next(BenchmarkProcess.PHASE_LIMIT)) {
                if ("task_completed".equals(event.name()) || "task_failed".equals(event.name())) {
                    finished.incrementAndGet();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void largeFiles() throws Exception {
        Path pdf = Files.createTempFile("tasklane-benchmark-", ".pdf");
        Path sheet = Files.createTempFile("tasklane-benchmark-", ".xlsx");
        try {
            int pages = writeLargePdf(pdf);
            processAlone(pdf, "large.pdf", "application/pdf", pages + " pages");
            writeLargeSheet(sheet);
            processAlone(sheet, "large.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    SHEET_ROWS + " rows");
        } finally {
            Files.deleteIfExists(pdf);
            Files.deleteIfExists(sheet);
        }
    }

    /** Uploads one large file to a fresh process and samples its resident memory until the pipeline ends. */
    private void processAlone(Path file, String name, String contentType, String size) throws Exception {
        try (BenchmarkProcess tasklane = BenchmarkProcess.start(Map.of(), List.of("-Xmx" + PDF_HEAP))) {
            token = tasklane.token;
            long startedRss = tasklane.rssKb();
            long started = System.nanoTime();
            String taskId = upload(tasklane.base, file, name, contentType);
            long peak = startedRss;
            String status;
            do {
                peak = Math.max(peak, tasklane.rssKb());
                Thread.sleep(100);
                status = taskStatus(tasklane.base, taskId);
            } while (!status.equals("COMPLETED") && !status.equals("FAILED"));
            System.out.printf(Locale.ROOT, "%s: %.1f MB, %s, %s in %.1f s with -Xmx%s; RSS %d MB before, peak %d MB"
                            + " while processing (sampled every 100 ms), high-water mark %d MB%n", name,
                    Files.size(file) / 1048576.0, size, status, (System.nanoTime() - started) / 1e9, PDF_HEAP,
                    startedRss / 1024, peak / 1024, tasklane.peakRssKb() / 1024);
        }
    }

    /** A workbook of {@link #SHEET_ROWS} rows of text and numbers, written row by row. */
    private static void writeLargeSheet(Path file) throws Exception {
        Random random = new Random(11);
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100); OutputStream out = Files.newOutputStream(file)) {
            SXSSFSheet sheet = workbook.createSheet("Transactions");
            for (int r = 0; r < SHEET_ROWS; r++) {
                SXSSFRow row = sheet.createRow(r);
                row.createCell(0).setCellValue("transaction " + r);
                row.createCell(1).setCellValue(VOCABULARY[random.nextInt(VOCABULARY.length)] + " "
                        + VOCABULARY[random.nextInt(VOCABULARY.length)]);
                row.createCell(2).setCellValue(random.nextInt(100_000) / 100.0);
                row.createCell(3).setCellValue(r % 2 == 0 ? "credit" : "debit");
            }
            workbook.write(out);
            workbook.dispose();
        }
    }

    /** Text pages with a page of incompressible noise image every ten pages, until the file reaches the size. */
    private static int writeLargePdf(Path file) throws Exception {
        Random random = new Random(7);
        BufferedImage noise = new BufferedImage(1024, 1024, BufferedImage.TYPE_INT_RGB);
        try (PDDocument pdf = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            int pages = 0;
            long estimate = 0;
            while (estimate < PDF_MEGABYTES * 1048576L) {
                PDPage page = new PDPage();
                pdf.addPage(page);
                pages++;
                try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
                    if (pages % 10 == 0) {
                        for (int x = 0; x < 1024; x++) {
                            for (int y = 0; y < 1024; y++) {
                                noise.setRGB(x, y, random.nextInt());
                            }
                        }
                        PDImageXObject image = LosslessFactory.createFromImage(pdf, noise);
                        content.drawImage(image, 50, 300, 400, 400);
                        estimate += 3L * 1024 * 1024;
                    }
                    content.beginText();
                    content.setFont(font, 9);
                    content.setLeading(11);
                    content.newLineAtOffset(40, 760);
                    String words = text("page-" + pages);
                    for (int at = 0; at + 110 <= words.length() && at < 60 * 110; at += 110) {
                        content.showText(words.substring(at, at + 110));
                        content.newLine();
                    }
                    content.endText();
                    estimate += 4000;
                }
            }
            pdf.save(file.toFile());
            return pages;
        }
    }

    private String upload(URI base, Path file, String name, String contentType) throws Exception {
        String boundary = "benchmark-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name + "\""
                + "\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/documents"))
                .version(HttpClient.Version.HTTP_1_1).expectContinue(true)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofByteArray(tail)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("upload refused: " + response.body());
        }
        return json.readValue(response.body(), JsonNode.class).get("task").get("id").getStringValue();
    }

    private String taskStatus(URI base, String taskId) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/tasks/" + taskId))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        return json.readValue(response.body(), JsonNode.class).get("status").getStringValue();
    }
}
