package dev.tasklane.gateway.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.ReadableBytes;

/**
 * How much one page of tasks may weigh ({@code tasklane.tasks.*}), so no listing or export builds a huge response.
 *
 * @param maxPageBytes a page of a listing or an export ends early, with a cursor, before the task whose stored input,
 *                     result and error would take the page past this; a page always holds at least one task
 */
@ConfigurationProperties("tasklane.tasks")
public record TaskPageProperties(@Bindable(defaultValue = "8MB") @ReadableBytes long maxPageBytes) {
}
