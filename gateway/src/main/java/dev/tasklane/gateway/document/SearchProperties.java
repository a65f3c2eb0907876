package dev.tasklane.gateway.document;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * What one document search may cost ({@code tasklane.documents.search.*}), so no user's searches starve the others.
 *
 * @param maxChunks             chunks one search compares at most; past them it answers what it found, marked
 *                              {@code truncated}
 * @param maxConcurrentPerCaller searches one user runs at once on a gateway; one more is a 429 with Retry-After
 * @param wordWeight            the share of a result's score that comes from the query's content words found in the
 *                              chunk, the rest from meaning (the vectors' cosine); 0 ranks by meaning alone
 */
@ConfigurationProperties("tasklane.documents.search")
public record SearchProperties(@Bindable(defaultValue = "50000") int maxChunks,
                               @Bindable(defaultValue = "2") int maxConcurrentPerCaller,
                               @Bindable(defaultValue = "0.2") double wordWeight) {

    public SearchProperties {
        if (!(wordWeight >= 0 && wordWeight <= 1)) {
            throw new ConfigurationException("tasklane.documents.search.word-weight is " + wordWeight
                    + "; give a share from 0 (meaning alone) to 1 (words alone)");
        }
    }
}
