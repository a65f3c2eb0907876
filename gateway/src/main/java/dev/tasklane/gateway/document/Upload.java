package dev.tasklane.gateway.document;

import dev.tasklane.activities.document.ContentFile;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/** The bytes of a document being taken in, which can be read more than once (to checksum, check and store them). */
public interface Upload {

    InputStream open() throws IOException;

    long size();

    /** The first bytes, at most {@code count}, for telling the format. */
    default byte[] head(int count) throws IOException {
        try (InputStream content = open()) {
            return content.readNBytes(count);
        }
    }

    /** The bytes of a file the caller closes. */
    static Upload of(ContentFile file) {
        return new Upload() {
            @Override
            public InputStream open() throws IOException {
                return file.open();
            }

            @Override
            public long size() {
                return file.size();
            }
        };
    }

    static Upload of(byte[] bytes) {
        return new Upload() {
            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public long size() {
                return bytes.length;
            }
        };
    }
}
