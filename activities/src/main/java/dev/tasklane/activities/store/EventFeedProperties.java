package dev.tasklane.activities.store;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How a process follows the event table for its streams ({@code tasklane.events.*}).
 *
 * @param pollInterval how often the table is read for events other processes appended; events this process
 *                     appends are read at once
 * @param gapTimeout   how long a missing event id holds back the ones after it: an append that has taken its
 *                     id but not yet committed fills the gap within this time, otherwise it is taken as rolled back
 * @param streamReaders how many threads read the store for streamed responses (replays, exports): the most store
 *                      connections all the streams of a process take at once
 */
@ConfigurationProperties("tasklane.events")
public record EventFeedProperties(@Bindable(defaultValue = "100ms") Duration pollInterval,
                                  @Bindable(defaultValue = "2s") Duration gapTimeout,
                                  @Bindable(defaultValue = "4") int streamReaders) {
}
