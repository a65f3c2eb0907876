package dev.tasklane.activities.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A document's bytes copied once to a temporary file: for parsers that read files, and for uploads that must be
 * read more than once (checksum, check, store). Deleted on close.
 */
public final class ContentFile implements AutoCloseable {

    private final Path path;
    private final long size;

    private ContentFile(Path path, long size) {
        this.path = path;
        this.size = size;
    }

    /** Copies {@code content} (and closes it); fails with {@link TooLarge} past {@code limit} bytes. */
    public static ContentFile copyOf(InputStream content, long limit) throws IOException {
        Path path = Files.createTempFile("tasklane-document-", ".bin");
        try (content; OutputStream out = Files.newOutputStream(path)) {
            byte[] buffer = new byte[64 * 1024];
            long size = 0;
            for (int read = content.read(buffer); read >= 0; read = content.read(buffer)) {
                size += read;
                if (size > limit) {
                    throw new TooLarge(limit);
                }
                out.write(buffer, 0, read);
            }
            return new ContentFile(path, size);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(path);
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    public long size() {
        return size;
    }

    public InputStream open() throws IOException {
        return Files.newInputStream(path);
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Content over the size limit. */
    public static final class TooLarge extends IOException {

        TooLarge(long limit) {
            super("the content is larger than " + limit + " bytes");
        }
    }
}
