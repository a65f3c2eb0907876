package dev.tasklane.activities.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real paginated JSON source on 127.0.0.1 for sync tests and benchmarks, modelled on an accounting system's
 * export. It pages by {@code /page/…} ({@code page}, {@code pageSize}), {@code /offset/…} ({@code offset},
 * {@code limit}) or {@code /cursor/…} ({@code cursor}, {@code limit}), answers {@code {items, total, nextCursor}},
 * filters by {@code dateFrom}/{@code dateTo} on each record's {@code date}, and injects the faults a test scripts
 * per page number: 500s, 429 with Retry-After, slow answers, malformed JSON, and answers held until released.
 */
public final class SyncSourceServer implements AutoCloseable {

    /** What a scripted page request gets instead of its page. */
    public sealed interface Fault {
    }

    /** An error status, with Retry-After seconds when given. */
    public record Status(int code, Integer retryAfterSeconds) implements Fault {
    }

    /** The page, after a delay. */
    public record Slow(Duration delay) implements Fault {
    }

    /** A body that is not JSON. */
    public record Malformed() implements Fault {
    }

    /** No answer until {@link #release()} or {@link #close()}; the page follows then. */
    public record Held() implements Fault {
    }

    /** A request the source answered: its mode, the offset it asked for, the status and when it came. */
    public record Served(String mode, long position, int status, long atNanos) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] COUNTERPARTIES = {"Federal Tax Service", "Acme Supplies LLC", "Northwind Trading",
            "City Power Company", "Employees (payroll)", "Globex Customer", "Initech Customer", "Office Rent Ltd"};
    private static final String[] PURPOSES = {"Tax payment for the quarter", "Payment for goods under invoice",
            "Payment for services", "Electricity bill", "Salary for the month", "Customer payment for order",
            "Customer payment under contract", "Office rent"};

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<Long, Queue<Fault>> faults = new ConcurrentHashMap<>();
    private final List<Served> served = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile List<Map<String, Object>> records;
    private volatile String requiredHeader;
    private volatile String requiredValue;
    private volatile boolean filtersByDate = true;
    private volatile Selection lastSelection;

    private SyncSourceServer(List<Map<String, Object>> records) throws IOException {
        this.records = List.copyOf(records);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A source serving {@code records} on 127.0.0.1 at a free port. */
    public static SyncSourceServer serving(List<Map<String, Object>> records) {
        try {
            return new SyncSourceServer(records);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code count} bank transactions {@code tx-000001}…, spread over the days from {@code firstDay}. */
    public static List<Map<String, Object>> bankTransactions(int count, LocalDate firstDay) {
        List<Map<String, Object>> made = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            int kind = i % COUNTERPARTIES.length;
            boolean incoming = kind == 5 || kind == 6;
            BigDecimal amount = BigDecimal.valueOf((i * 7919L) % 100_000_00, 2).add(BigDecimal.ONE);
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("id", "tx-%06d".formatted(i));
            record.put("date", firstDay.plusDays(i % 28).toString());
            record.put("amount", (incoming ? amount : amount.negate()).toPlainString());
            record.put("currency", "RUB");
            record.put("account", "40702810900000000001");
            record.put("counterparty", COUNTERPARTIES[kind]);
            record.put("counterpartyTaxId", "77%08d".formatted(kind));
            record.put("purpose", PURPOSES[kind] + " no. " + i);
            made.add(record);
        }
        return made;
    }

    /** {@code count} contractors {@code c-000001}…. */
    public static List<Map<String, Object>> contractors(int count) {
        List<Map<String, Object>> made = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("id", "c-%06d".formatted(i));
            record.put("name", "Contractor " + i + " LLC");
            record.put("taxId", "%010d".formatted(5_000_000_000L + i));
            record.put("kind", i % 3 == 0 ? "individual" : "legal");
            record.put("email", "accounts" + i + "@contractor.test");
            record.put("phone", "+7 495 %07d".formatted(i));
            record.put("address", i + " Industrial Street, Moscow");
            made.add(record);
        }
        return made;
    }

    /** The URL of the source paged by {@code mode}: page, offset or cursor. */
    public String url(String mode) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + mode + "/records";
    }

    /** The requests for page {@code pageNumber} (1 for the first) get {@code scripted} in order, then the page. */
    public SyncSourceServer onPage(long pageNumber, Fault... scripted) {
        faults.computeIfAbsent(pageNumber, p -> new ConcurrentLinkedQueue<>()).addAll(List.of(scripted));
        return this;
    }

    /** From now on the source serves {@code changed}: a source that changes under a sync. */
    public void replaceRecords(List<Map<String, Object>> changed) {
        records = List.copyOf(changed);
    }

    /** Serves every record whatever the date range asked: a source that cannot filter. */
    public SyncSourceServer ignoringDateRange() {
        filtersByDate = false;
        return this;
    }

    /** Requests without this Authorization header get 401. */
    public SyncSourceServer requireAuthorization(String value) {
        return requireHeader("Authorization", value);
    }

    /** Requests without header {@code name} of exactly {@code value} get 401. */
    public SyncSourceServer requireHeader(String name, String value) {
        requiredValue = value;
        requiredHeader = name;
        return this;
    }

    public List<Served> served() {
        synchronized (served) {
            return List.copyOf(served);
        }
    }

    /** Lets held answers go. */
    public void release() {
        released.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        try (exchange) {
            String[] path = exchange.getRequestURI().getPath().split("/");
            String mode = path.length > 1 ? path[1] : "";
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String header = requiredHeader;
            if (header != null && !requiredValue.equals(exchange.getRequestHeaders().getFirst(header))) {
                reply(exchange, arrived, mode, -1, 401, "{\"error\":\"unauthorized\"}");
                return;
            }
            List<Map<String, Object>> matching = filtered(query);
            int size = Integer.parseInt(query.getOrDefault(mode.equals("page") ? "pageSize" : "limit", "100"));
            long offset = switch (mode) {
                case "page" -> (Long.parseLong(query.getOrDefault("page", "1")) - 1) * size;
                case "offset" -> Long.parseLong(query.getOrDefault("offset", "0"));
                case "cursor" -> query.containsKey("cursor") ? Long.parseLong(new String(Base64.getUrlDecoder()
                        .decode(query.get("cursor")), StandardCharsets.UTF_8)) : 0;
                default -> -1;
            };
            if (offset < 0) {
                reply(exchange, arrived, mode, offset, 404, "{\"error\":\"no such export\"}");
                return;
            }
            long pageNumber = offset / Math.max(1, size) + 1;
            Queue<Fault> scripted = faults.get(pageNumber);
            Fault fault = scripted == null ? null : scripted.poll();
            if (fault instanceof Status status) {
                if (status.retryAfterSeconds() != null) {
                    exchange.getResponseHeaders().add("Retry-After", status.retryAfterSeconds().toString());
                }
                reply(exchange, arrived, mode, offset, status.code(), "{\"error\":\"scripted\"}");
                return;
            }
            if (fault instanceof Malformed) {
                reply(exchange, arrived, mode, offset, 200, "{\"items\": [{\"id\": \"tx-");
                return;
            }
            if (fault instanceof Slow slow) {
                pause(slow.delay().toMillis());
            }
            if (fault instanceof Held) {
                await();
            }
            int from = (int) Math.min(offset, matching.size());
            int to = Math.min(matching.size(), from + size);
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("items", matching.subList(from, to));
            page.put("total", matching.size());
            if (mode.equals("cursor")) {
                page.put("nextCursor", to < matching.size() ? Base64.getUrlEncoder()
                        .encodeToString(Long.toString(to).getBytes(StandardCharsets.UTF_8)) : null);
            }
            reply(exchange, arrived, mode, offset, 200, JSON.writeValueAsString(page));
        }
    }

    /** The records in the date range asked, worked out once per range and set of records, as a real export would. */
    private List<Map<String, Object>> filtered(Map<String, String> query) {
        String from = query.get("dateFrom");
        String to = query.get("dateTo");
        List<Map<String, Object>> all = records;
        if (!filtersByDate || from == null && to == null) {
            return all;
        }
        Selection last = lastSelection;
        if (last != null && last.of() == all && Objects.equals(last.from(), from) && Objects.equals(last.to(), to)) {
            return last.matching();
        }
        List<Map<String, Object>> matching = all.stream().filter(r -> r.get("date") instanceof String date
                && (from == null || date.compareTo(from) >= 0) && (to == null || date.compareTo(to) <= 0)).toList();
        lastSelection = new Selection(all, from, to, matching);
        return matching;
    }

    /** The records of one date range. */
    private record Selection(List<Map<String, Object>> of, String from, String to, List<Map<String, Object>> matching) {
    }

    private void reply(HttpExchange exchange, long arrived, String mode, long position, int status, String body) throws IOException {
        served.add(new Served(mode, position, status, arrived));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> parameters = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] parts = pair.split("=", 2);
                parameters.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                        parts.length == 2 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
        }
        return parameters;
    }

    private void await() {
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        executor.shutdownNow();
    }
}
