package dev.tasklane.activities.document;

import dev.tasklane.workflows.document.DocumentPipelineActivities;
import io.temporal.failure.ApplicationFailure;

/**
 * What one document has written to the store so far, counted as it writes: rows, characters and bytes of text, each
 * bounded by a {@code tasklane.documents.max-*} setting. A write past a limit is refused before it happens, failing
 * the task (not retried) with a message that names the setting.
 */
final class WriteBudget {

    private final DocumentProperties limits;
    private long rows;
    private long characters;
    private long bytes;

    WriteBudget(DocumentProperties limits, long rows, long characters, long bytes) {
        this.limits = limits;
        this.rows = rows;
        this.characters = characters;
        this.bytes = bytes;
    }

    /** Counts {@code text} as one more row. */
    void write(String text) {
        spend(1, text.length(), utf8Length(text));
    }

    /** Counts {@code moreRows} rows holding {@code moreCharacters} characters in {@code moreBytes} bytes. */
    void spend(long moreRows, long moreCharacters, long moreBytes) {
        if (rows + moreRows > limits.maxTextRows()) {
            throw exceeded("the document needs more than " + limits.maxTextRows() + " rows of text in the store",
                    "max-text-rows");
        }
        if (characters + moreCharacters > limits.maxCharacters()) {
            throw exceeded("the document has more than " + limits.maxCharacters() + " characters of text",
                    "max-characters");
        }
        if (bytes + moreBytes > limits.maxStoredBytes()) {
            throw exceeded("the document needs more than " + limits.maxStoredBytes() + " bytes in the store",
                    "max-stored-bytes");
        }
        rows += moreRows;
        characters += moreCharacters;
        bytes += moreBytes;
    }

    long rows() {
        return rows;
    }

    long characters() {
        return characters;
    }

    long bytes() {
        return bytes;
    }

    /** The refusal of a document that went past a limit, naming the setting that sets it. */
    static ApplicationFailure exceeded(String what, String setting) {
        return ApplicationFailure.newNonRetryableFailure(what + " (tasklane.documents." + setting + ")",
                DocumentPipelineActivities.UNPROCESSABLE);
    }

    /** How many bytes {@code text} takes in UTF-8, without encoding it. */
    static long utf8Length(CharSequence text) {
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            length += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return length;
    }
}
