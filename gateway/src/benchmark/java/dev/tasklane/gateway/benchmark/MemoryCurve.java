package dev.tasklane.gateway.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * The resident memory of Tasklane and of its dev server as tasks go through: a sample when the run starts and one
 * each time another {@code every} tasks have been delivered, so a table shows whether either keeps growing.
 */
final class MemoryCurve {

    /** Both processes' RSS, in kB, after {@code delivered} tasks. */
    record Sample(int delivered, long tasklaneKb, long serverKb) {
    }

    private final BenchmarkProcess process;
    private final IntSupplier delivered;
    private final int every;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread watcher;
    private volatile boolean stopped;

    private MemoryCurve(BenchmarkProcess process, IntSupplier delivered, int every) {
        this.process = process;
        this.delivered = delivered;
        this.every = every;
        this.watcher = new Thread(this::watch, "benchmark-memory");
        this.watcher.setDaemon(true);
    }

    /** Takes the first sample now, then one each time {@code delivered} passes another multiple of {@code every}. */
    static MemoryCurve follow(BenchmarkProcess process, IntSupplier delivered, int every) {
        MemoryCurve curve = new MemoryCurve(process, delivered, every);
        curve.sample(delivered.getAsInt());
        curve.watcher.start();
        return curve;
    }

    private void watch() {
        int next = every;
        while (!stopped) {
            int count = delivered.getAsInt();
            if (count >= next) {
                sample(count);
                next = (count / every + 1) * every;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void sample(int count) {
        try {
            Sample sample = new Sample(count, process.rssKb(), process.serverRssKb());
            samples.add(sample);
            System.out.printf(Locale.ROOT, "RSS after %,d tasks: Tasklane %d MB, dev server %d MB%n", count,
                    sample.tasklaneKb() / 1024, sample.serverKb() / 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops sampling and takes a last sample, unless the last one was taken at the same count. */
    void stop() throws InterruptedException {
        stopped = true;
        watcher.interrupt();
        watcher.join();
        int count = delivered.getAsInt();
        if (samples().get(samples().size() - 1).delivered() != count) {
            sample(count);
        }
    }

    synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** Prints the curve as a table, one row per sample. */
    void print() {
        System.out.println("RSS as tasks are delivered (MB):");
        System.out.println("| tasks delivered | Tasklane | dev server | both |");
        for (Sample sample : samples()) {
            System.out.printf(Locale.ROOT, "| %,d | %d | %d | %d |%n", sample.delivered(), sample.tasklaneKb() / 1024,
                    sample.serverKb() / 1024, (sample.tasklaneKb() + sample.serverKb()) / 1024);
        }
    }
}
