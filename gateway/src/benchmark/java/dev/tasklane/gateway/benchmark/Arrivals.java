package dev.tasklane.gateway.benchmark;

import dev.tasklane.activities.testing.WebhookReceiver;
import dev.tasklane.activities.testing.WebhookReceiver.Reply;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A webhook receiver on 127.0.0.1 that notes when each delivery arrives and in which order, for the benchmarks that ask
 * which task got the worker first; deliveries to {@link #BLOCKER} are held until {@link #release()}, to keep a worker
 * slot busy while a backlog forms.
 */
final class Arrivals implements AutoCloseable {

    static final String BLOCKER = "/blocker";

    /** A delivery to {@code path} that arrived at {@code micros} (since the epoch). */
    record Arrival(String path, long micros) {
    }

    private final WebhookReceiver receiver = WebhookReceiver.start("127.0.0.1");
    private final List<Arrival> arrivals = new ArrayList<>();
    private final Thread taker = new Thread(this::take, "benchmark-arrivals");

    private Arrivals() {
        receiver.replyTo(BLOCKER, Reply.heldUntilReleased(200));
        taker.setDaemon(true);
        taker.start();
    }

    static Arrivals start() {
        return new Arrivals();
    }

    private void take() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                WebhookReceiver.Received received = receiver.awaitRequest(Duration.ofSeconds(1));
                if (received != null) {
                    long micros = Measure.nowMicros();
                    synchronized (arrivals) {
                        arrivals.add(new Arrival(received.path(), micros));
                    }
                }
            }
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
        }
    }

    String url(String path) {
        return receiver.url(path);
    }

    /** Lets the held deliveries to {@link #BLOCKER} answer. */
    void release() {
        receiver.release();
    }

    /** Every arrival so far, first first. */
    List<Arrival> inOrder() {
        synchronized (arrivals) {
            return List.copyOf(arrivals);
        }
    }

    /** How many deliveries to paths starting with {@code prefix} have arrived. */
    int count(String prefix) {
        return (int) inOrder().stream().filter(arrival -> arrival.path().startsWith(prefix)).count();
    }

    /** Waits until {@code count} deliveries to paths starting with {@code prefix} have arrived. */
    void await(String prefix, int count) throws InterruptedException {
        BenchmarkProcess.waitFor(() -> count(prefix) >= count, count + " deliveries to " + prefix);
    }

    @Override
    public void close() throws InterruptedException {
        taker.interrupt();
        taker.join();
        receiver.close();
    }
}
