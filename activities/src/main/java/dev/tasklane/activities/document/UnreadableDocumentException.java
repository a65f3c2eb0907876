package dev.tasklane.activities.document;

/** Content a parser cannot read (corrupt, encrypted, a zip bomb); retrying does not help. */
final class UnreadableDocumentException extends RuntimeException {

    UnreadableDocumentException(String reason) {
        super(reason);
    }
}
