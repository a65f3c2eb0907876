package dev.tasklane.gateway.tasks;

import dev.tasklane.gateway.events.EventFeedProperties;
import dev.tasklane.gateway.events.StreamReads;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.CatalogRows;
import dev.tasklane.gateway.support.Tokens;
import dev.tasklane.store.task.TaskCatalog;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A page of tasks weighs at most {@code tasklane.tasks.max-page-bytes} of stored JSON (one task more than that is a
 * page of its own): a listing ends early with a cursor, and an export reads such pages one after another.
 */
@MicronautTest(transactional = false)
@Property(name = "tasklane.tasks.max-page-bytes", value = "100KB")
@Property(name = "test.record-task-pages", value = "true")
class TaskPageBudgetTest extends ApiWithReceiverTest {

    private static final int KB = 1024;

    @Inject
    CatalogRows rows;

    @Inject
    PageRecordingReads reads;

    /** The streamed reads, recording the size of every page of tasks they hand on. */
    @Singleton
    @Replaces(StreamReads.class)
    @Requires(property = "test.record-task-pages", value = "true")
    static class PageRecordingReads extends StreamReads {

        final List<Integer> taskPages = new CopyOnWriteArrayList<>();

        PageRecordingReads(EventFeedProperties properties) {
            super(properties);
        }

        @Override
        public <P> Flux<P> pages(Supplier<P> first, Function<P, Optional<Supplier<P>>> next) {
            return super.pages(first, next).doOnNext(page -> {
                if (page instanceof TaskCatalog.Page tasks) {
                    taskPages.add(tasks.items().size());
                }
            });
        }
    }

    @Test
    void aListPageEndsWithACursorBeforeTheTaskThatWouldPassTheByteBudget() {
        List<String> newestFirst = submitted("heavy-list", 20 * KB, 20 * KB, 20 * KB, 20 * KB, 150 * KB, 20 * KB);
        Api manager = api.as(Tokens.of("mia", "heavy-list", "MANAGER"));

        List<List<String>> pages = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = manager.get("/api/tasks?limit=500" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            pages.add(ids(page.get("items")));
            JsonNode next = page.get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.getStringValue();
        } while (cursor != null);

        assertEquals(List.of(newestFirst.subList(0, 2), newestFirst.subList(2, 4), newestFirst.subList(4, 5),
                newestFirst.subList(5, 6)), pages, "80 KB, 80 KB, one task of 300 KB alone, the rest");
    }

    @Test
    void aListPageWithinTheBudgetIsBoundedByItsLimitAsBefore() {
        List<String> newestFirst = submitted("light-list", 1 * KB, 1 * KB, 1 * KB, 1 * KB);
        JsonNode page = api.as(Tokens.of("liam", "light-list", "MANAGER")).get("/api/tasks?limit=3").json();

        assertEquals(newestFirst.subList(0, 3), ids(page.get("items")));
        assertNotNull(page.get("nextCursor").getStringValue());
    }

    @Test
    void anExportReadsBudgetedPagesAndStillHandsOverEveryTaskWhole() {
        List<String> newestFirst = submitted("heavy-export", 20 * KB, 20 * KB, 150 * KB, 20 * KB, 20 * KB);
        reads.taskPages.clear();
        JsonNode export = api.as(Tokens.of("max", "heavy-export", "MANAGER")).get("/api/tasks/export").json();

        assertEquals(List.of(2, 1, 2), reads.taskPages, "80 KB, one task of 300 KB alone, 80 KB");
        assertEquals(newestFirst, ids(export));
        assertEquals(20 * KB, note(export.get(0).get("payload")).length(), "the input comes whole");
        assertEquals(20 * KB, note(export.get(0).get("result")).length(), "the result comes whole");
        assertEquals(150 * KB, note(export.get(2).get("payload")).length());
    }

    /**
     * Completed tasks of {@code tenant}, the first submitted last, each with an input and a result of a little more
     * than {@code halfSizes[i]} bytes each; their ids newest first.
     */
    private List<String> submitted(String tenant, int... halfSizes) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < halfSizes.length; i++) {
            String json = "{\"url\":\"http://127.0.0.1/\",\"note\":\"" + "x".repeat(halfSizes[i]) + "\"}";
            ids.add(rows.completed(tenant, "someone", json, json, Duration.ofMinutes(i + 1)));
        }
        return ids;
    }

    private static String note(JsonNode json) {
        return json.get("note").getStringValue();
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.values().forEach(item -> ids.add(item.get("id").getStringValue()));
        return ids;
    }
}
