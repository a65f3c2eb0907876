package dev.tasklane.gateway.flow;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.util.List;

/**
 * One limit an operator declares ({@code tasklane.limits.<name>.*}): for the tasks of some types, how many with the
 * same key may run at once and start per period, across every worker.
 *
 * @param name        the limit's name, which its keys start with
 * @param taskTypes   the task types it holds for; none: every type
 * @param key         what tasks are counted by, parts of {@code tenant}, {@code type}, {@code destination-host} and
 *                    {@code payload.<field>}; none: all its tasks together
 * @param concurrency the most tasks of one key running at once
 * @param rate        the most tasks of one key starting within {@code period}
 * @param period      the period of {@code rate}; a minute when not given
 */
@EachProperty("tasklane.limits")
public record LimitProperties(@Parameter String name, @Nullable List<String> taskTypes, @Nullable List<String> key,
                              @Nullable Integer concurrency, @Nullable Integer rate, @Nullable Duration period) {
}
