package dev.tasklane.gateway.document;

import dev.tasklane.activities.document.FormatSniffer;
import dev.tasklane.gateway.problem.ProblemException;
import dev.tasklane.gateway.problem.ProblemType;
import io.micronaut.core.annotation.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses at upload what the first bytes already show: empty files, binary formats Tasklane does not read,
 * encrypted or legacy Office files, and files whose declared type says one format while the bytes are another.
 */
final class UploadCheck {

    static final int HEAD_BYTES = 8192;

    /** Declared media types and the content families they promise. */
    private static final Map<String, String> DECLARED = Map.of(
            "application/pdf", FormatSniffer.PDF,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", FormatSniffer.ZIP,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FormatSniffer.ZIP,
            "text/html", "text",
            "text/markdown", "text",
            "text/plain", "text");

    static final String UNREADABLE_TEXT = "is not readable text: it holds NUL or many other control characters;"
            + " send the document's words, or upload a file as multipart/form-data";

    private UploadCheck() {
    }

    /** Whether {@code text} reads as text: its first bytes hold no NUL and few other control characters. */
    static boolean isReadableText(String text) {
        String head = text.substring(0, Math.min(text.length(), HEAD_BYTES));
        return FormatSniffer.sniff(head.getBytes(StandardCharsets.UTF_8)).isPresent();
    }

    static void check(byte[] head, @Nullable String declaredType) {
        if (head.length == 0) {
            throw ProblemException.invalid("file", "is empty; upload a document with content");
        }
        if (head.length >= 4 && (head[0] & 0xff) == 0xd0 && (head[1] & 0xff) == 0xcf && head[2] == 0x11) {
            throw unsupported("the file is an encrypted Office document or a legacy .doc/.xls; upload it unencrypted"
                    + " as .docx or .xlsx");
        }
        Optional<String> sniffed = FormatSniffer.sniff(head);
        if (sniffed.isEmpty()) {
            throw unsupported("the content is binary and not a format Tasklane reads; upload text, Markdown, HTML,"
                    + " PDF, DOCX or XLSX");
        }
        String family = sniffed.get().equals(FormatSniffer.PDF) || sniffed.get().equals(FormatSniffer.ZIP)
                ? sniffed.get() : "text";
        String promised = declaredType == null ? null
                : DECLARED.get(declaredType.toLowerCase(Locale.ROOT).split(";")[0].trim());
        if (promised != null && !promised.equals(family)) {
            throw unsupported("the file is declared " + declaredType + " but its content is "
                    + (family.equals("text") ? sniffed.get() : family) + "; send it with its real type");
        }
    }

    private static ProblemException unsupported(String reason) {
        return new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, reason);
    }
}
