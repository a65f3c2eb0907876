package dev.tasklane.gateway.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What one scrape of {@code /prometheus} costs after a run: the page's size and lines, and the time to fetch it. */
record Scrape(long bytes, long lines, long temporalLines, double medianMillis) {

    private static final int SCRAPES = 5;

    /** Fetches the page {@value #SCRAPES} times and keeps the last page's size and the median time. */
    static Scrape of(HttpClient http, URI page) throws IOException, InterruptedException {
        List<Long> micros = new ArrayList<>();
        String text = "";
        for (int i = 0; i < SCRAPES; i++) {
            long started = System.nanoTime();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(page).build(),
                    HttpResponse.BodyHandlers.ofString());
            micros.add((System.nanoTime() - started) / 1000);
            if (response.statusCode() != 200) {
                throw new IllegalStateException(page + " answered " + response.statusCode());
            }
            text = response.body();
        }
        return new Scrape(text.getBytes(StandardCharsets.UTF_8).length, text.lines().count(),
                text.lines().filter(line -> line.startsWith("temporal_")).count(), Measure.percentile(micros, 50) / 1000.0);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "/prometheus after the run: %,d bytes, %,d lines (%,d temporal_*), %.1f ms per"
                + " scrape (median of %d)", bytes, lines, temporalLines, medianMillis, SCRAPES);
    }
}
