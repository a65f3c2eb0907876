package dev.tasklane.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * An opaque page cursor: the sort key and the ID of the last row a page showed, so the next page starts after it.
 *
 * @param sortKey the last row's sort column, as text
 * @param id      the last row's ID, which breaks ties
 */
public record KeysetCursor(String sortKey, String id) {

    public String encode() {
        String raw = sortKey.length() + ":" + sortKey + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor {@link #encode()} produced; empty for anything else. */
    public static Optional<KeysetCursor> decode(String text) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            int length = Integer.parseInt(raw.substring(0, colon));
            int idStart = colon + 1 + length;
            if (length < 0 || idStart > raw.length()) {
                return Optional.empty();
            }
            return Optional.of(new KeysetCursor(raw.substring(colon + 1, idStart), raw.substring(idStart)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
