package dev.tasklane.workflows.document;

/**
 * What one batch of re-embedding did.
 *
 * @param chunks    how many chunks it embedded again
 * @param lastChunk the last chunk id it looked at, where the next batch goes on; null when none is left
 */
public record ReembeddedBatch(int chunks, String lastChunk) {
}
