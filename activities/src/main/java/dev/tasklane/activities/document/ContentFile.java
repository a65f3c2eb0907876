package dev.tasklane.activities.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A document's content copied part by part to a temporary file, for parsers that read files; deleted on close. */
final class ContentFile implements AutoCloseable {

    private final Path path;

    ContentFile(InputStream content) throws IOException {
        path = Files.createTempFile("tasklane-document-", ".bin");
        try (content) {
            Files.copy(content, path, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(path);
            throw e;
        }
    }

    Path path() {
        return path;
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
