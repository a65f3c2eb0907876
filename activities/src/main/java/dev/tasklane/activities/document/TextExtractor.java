package dev.tasklane.activities.document;

import org.jsoup.Jsoup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Plain text out of the text formats: plain text as is, Markdown without its markup, HTML's visible text. */
public final class TextExtractor {

    private static final Pattern MARKDOWN_MARKUP = Pattern.compile(
            "(?m)^#{1,6}\\s+|^\\s*[-*+]\\s+|^\\s*>\\s?|```[a-z]*|\\*\\*|__|`|!?\\[([^\\]]*)\\]\\([^)]*\\)");

    private TextExtractor() {
    }

    /** The text of {@code content} in {@code format} (text, markdown or html); fails on bytes that are not UTF-8. */
    public static String extract(InputStream content, String format) throws IOException {
        String text = utf8(content);
        return switch (format) {
            case FormatSniffer.HTML -> Jsoup.parse(text).body().text();
            case FormatSniffer.MARKDOWN -> MARKDOWN_MARKUP.matcher(text).replaceAll("$1").strip();
            default -> text.strip();
        };
    }

    private static String utf8(InputStream content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        content.transferTo(bytes);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("the text is not valid UTF-8", e);
        }
    }
}
