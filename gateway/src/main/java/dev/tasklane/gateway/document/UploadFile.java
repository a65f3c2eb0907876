package dev.tasklane.gateway.document;

import io.micronaut.http.multipart.CompletedFileUpload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * An uploaded file copied once to a temporary file (the upload's own stream can be read only once), so it can be
 * checksummed, checked and stored; deleted on close.
 */
public final class UploadFile implements Upload, AutoCloseable {

    private final Path path;
    private final long size;

    private UploadFile(Path path, long size) {
        this.path = path;
        this.size = size;
    }

    /** Takes ownership of {@code path}, which holds {@code size} bytes. */
    static UploadFile at(Path path, long size) {
        return new UploadFile(path, size);
    }

    static UploadFile of(CompletedFileUpload upload) throws IOException {
        Path path = Files.createTempFile("tasklane-upload-", ".bin");
        try (InputStream content = upload.getInputStream()) {
            return new UploadFile(path, Files.copy(content, path, StandardCopyOption.REPLACE_EXISTING));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(path);
            throw e;
        }
    }

    @Override
    public InputStream open() throws IOException {
        return Files.newInputStream(path);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
