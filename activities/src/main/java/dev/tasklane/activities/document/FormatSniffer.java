package dev.tasklane.activities.document;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Tells a document's format from its first bytes, never from its name or declared type. */
public final class FormatSniffer {

    /** The formats the pipeline reads. */
    public static final String TEXT = "text";
    public static final String MARKDOWN = "markdown";
    public static final String HTML = "html";
    public static final String PDF = "pdf";
    public static final String ZIP = "zip";

    private static final Pattern MARKDOWN_SIGNS = Pattern.compile(
            "(?m)^(#{1,6} \\S|[-*+] \\S|\\d+\\. \\S|> \\S|```)|\\[[^\\]]+\\]\\([^)]+\\)|\\*\\*[^*]+\\*\\*");

    private FormatSniffer() {
    }

    /**
     * The format of content starting with {@code head}: {@code pdf}, {@code zip} (an Office file, told apart by
     * its entries), {@code html}, {@code markdown} or {@code text}; empty for binary content it does not read.
     */
    public static Optional<String> sniff(byte[] head) {
        if (startsWith(head, "%PDF-")) {
            return Optional.of(PDF);
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return Optional.of(ZIP);
        }
        if (!looksLikeText(head)) {
            return Optional.empty();
        }
        String text = new String(head, StandardCharsets.UTF_8).stripLeading().toLowerCase(Locale.ROOT);
        if (text.startsWith("<!doctype html") || text.startsWith("<html") || text.contains("<body")
                || text.contains("<p>") && text.contains("</p>")) {
            return Optional.of(HTML);
        }
        return Optional.of(MARKDOWN_SIGNS.matcher(text).find() ? MARKDOWN : TEXT);
    }

    private static boolean startsWith(byte[] head, String magic) {
        byte[] bytes = magic.getBytes(StandardCharsets.US_ASCII);
        if (head.length < bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if (head[i] != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    /** No NUL bytes and few control characters: text in some ASCII-compatible encoding. */
    private static boolean looksLikeText(byte[] head) {
        int control = 0;
        for (byte b : head) {
            int c = b & 0xff;
            if (c == 0) {
                return false;
            }
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') {
                control++;
            }
        }
        return control <= head.length / 100;
    }
}
