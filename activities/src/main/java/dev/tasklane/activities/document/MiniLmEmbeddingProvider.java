package dev.tasklane.activities.document;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default embedding provider ({@code provider: minilm}): the all-MiniLM-L6-v2 sentence model, quantized to 8 bits,
 * 384 dimensions, whose weights come in its jar and run in this process on ONNX Runtime, so texts that share meaning
 * but no words come out close. The weights load once per process, on the first text; the texts of one call are
 * embedded in parallel on a fixed number of threads shared by every caller, so concurrent pipelines queue for the
 * model rather than oversubscribe the cores: each text runs on its caller's thread alone (ONNX Runtime's own pool,
 * one thread per core by default, would double the threads, and its idle threads would spin on the cores the rest of
 * the pipeline needs; measured twice as fast without it). Nothing is fetched and nothing reported over the network:
 * the tokenizer library's usage reporting is turned off before it loads.
 */
public class MiniLmEmbeddingProvider implements EmbeddingProvider {

    /** The name of its vectors' space. */
    public static final String MODEL = "all-minilm-l6-v2-q";
    private static final int DIMENSIONS = 384;

    private final ExecutorService threads;
    private final EmbeddingModel model;

    /** A provider embedding on {@code threads} threads. */
    public MiniLmEmbeddingProvider(int threads) {
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "embedding-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.model = new OnCallersThread(this.threads);
    }

    /**
     * The texts' vectors; a text the model sees nothing in (only spaces, control and format characters, which its
     * tokenizer drops) gets the zero vector, similar to nothing.
     */
    @Override
    public List<float[]> embed(List<String> texts) {
        List<TextSegment> readable = texts.stream().filter(MiniLmEmbeddingProvider::readable).map(TextSegment::from)
                .toList();
        Iterator<Embedding> embeddings = readable.isEmpty() ? Collections.emptyIterator()
                : model.embedAll(readable).content().iterator();
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (String text : texts) {
            vectors.add(readable(text) ? EmbeddingProvider.normalise(embeddings.next().vector()) : new float[DIMENSIONS]);
        }
        return vectors;
    }

    /** Whether {@code text} has a character the model's tokenizer keeps. */
    static boolean readable(String text) {
        return text.codePoints().anyMatch(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c)
                && Character.getType(c) != Character.CONTROL && Character.getType(c) != Character.FORMAT
                && c != 0xFFFD);
    }

    /** The model run by one ONNX Runtime session per process, each text on the thread that asks and no other. */
    private static final class OnCallersThread extends AbstractInProcessEmbeddingModel {

        OnCallersThread(ExecutorService threads) {
            super(threads);
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return Session.ENCODER;
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSIONS;
        }
    }

    /** The session, made when first used: the weights load once per process. */
    private static final class Session {

        static final OnnxBertBiEncoder ENCODER = load();

        private static OnnxBertBiEncoder load() {
            offline("OPT_OUT_TRACKING", "true");
            offline("ai.djl.offline", "true");
            try (InputStream weights = resource("/all-minilm-l6-v2-q.onnx");
                 InputStream tokenizer = resource("/all-minilm-l6-v2-q-tokenizer.json");
                 OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(1);
                OrtEnvironment environment = OrtEnvironment.getEnvironment();
                OrtSession session = environment.createSession(weights.readAllBytes(), options);
                try {
                    return new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN);
                } catch (RuntimeException e) {
                    session.close();
                    throw e;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime cannot load the sentence model", e);
            }
        }

        private static InputStream resource(String name) {
            InputStream stream = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream(name);
            if (stream == null) {
                throw new IllegalStateException("the sentence model's jar lacks " + name);
            }
            return stream;
        }
    }

    private static void offline(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
