package dev.tasklane.activities.document;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.List;
import java.util.Map;

/**
 * Document pipeline settings ({@code tasklane.documents.*}).
 *
 * @param categories       category name → keywords; the category whose keywords occur most often wins
 * @param qualityThreshold a document scoring below this (0–1) fails its task with the findings
 * @param linkThreshold    chunks at least this similar (cosine, 0–1) to another document's are linked to it
 * @param embeddingBatch   chunks embedded and stored per batch
 * @param maxPages         a PDF with more pages in its page tree is refused
 * @param maxCharacters    a document with more characters of text is refused
 * @param maxTextRows      a document whose text parts, or whose chunks, would take more rows in the store is refused
 * @param maxStoredBytes   a document whose text and chunks would take more bytes (UTF-8) in the store is refused
 */
@ConfigurationProperties("tasklane.documents")
public record DocumentProperties(@Nullable Map<String, List<String>> categories,
                                 @Bindable(defaultValue = "0.5") double qualityThreshold,
                                 @Bindable(defaultValue = "0.8") double linkThreshold,
                                 @Bindable(defaultValue = "64") int embeddingBatch,
                                 @Bindable(defaultValue = "10000") int maxPages,
                                 @Bindable(defaultValue = "20000000") long maxCharacters,
                                 @Bindable(defaultValue = "100000") long maxTextRows,
                                 @Bindable(defaultValue = "268435456") long maxStoredBytes) {

    public Map<String, List<String>> categoriesOrNone() {
        return categories == null ? Map.of() : categories;
    }
}
