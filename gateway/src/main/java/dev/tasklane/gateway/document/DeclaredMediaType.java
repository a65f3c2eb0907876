package dev.tasklane.gateway.document;

import dev.tasklane.gateway.problem.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.multipart.CompletedFileUpload;

import java.util.regex.Pattern;

/**
 * The media type a client declares for a document (a part's {@code Content-Type} or the {@code mediaType} field),
 * accepted only when well formed as RFC 9110 writes it: {@code type/subtype} and {@code ; name=value} parameters.
 */
final class DeclaredMediaType {

    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    private static final Pattern WELL_FORMED = Pattern.compile(TOKEN + "/" + TOKEN
            + "(\\s*;\\s*" + TOKEN + "=(" + TOKEN + "|\"([^\"\\\\]|\\\\.)*\"))*");
    static final String EXPECTED = "a media type such as text/plain, text/markdown, application/pdf or"
            + " text/plain; charset=utf-8";

    private DeclaredMediaType() {
    }

    static boolean isWellFormed(String mediaType) {
        return WELL_FORMED.matcher(mediaType.strip()).matches();
    }

    /** The part's declared type, or null; a 400 naming the part {@code file} when its Content-Type is malformed. */
    @Nullable
    static String of(CompletedFileUpload upload) {
        String declared;
        try {
            declared = upload.getContentType().map(MediaType::toString).orElse(null);
        } catch (IllegalArgumentException malformed) {
            throw refused(upload);
        }
        if (declared != null && !isWellFormed(declared)) {
            throw refused(upload);
        }
        return declared;
    }

    private static ProblemException refused(CompletedFileUpload upload) {
        return ProblemException.invalid("file", "the part " + upload.getFilename() + " has a malformed"
                + " Content-Type; send " + EXPECTED);
    }
}
