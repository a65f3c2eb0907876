package dev.tasklane.gateway.events;

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
 * @param streamBuffer  how many live events a stream holds for a client that reads slower than they come; past it
 *                      the stream ends, and the client resumes with {@code Last-Event-ID}
 * @param maxStreams    how many event streams (SSE and WebSocket) a process serves at once
 * @param maxStreamsPerCaller how many of them one caller may have open
 */
@ConfigurationProperties("tasklane.events")
public record EventFeedProperties(@Bindable(defaultValue = "100ms") Duration pollInterval,
                                  @Bindable(defaultValue = "2s") Duration gapTimeout,
                                  @Bindable(defaultValue = "4") int streamReaders,
                                  @Bindable(defaultValue = "1000") int streamBuffer,
                                  @Bindable(defaultValue = "1000") int maxStreams,
                                  @Bindable(defaultValue = "32") int maxStreamsPerCaller) {
}
