package dev.tasklane.gateway.sync;

import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Tokens;
import dev.tasklane.store.task.TaskRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every faulty sync submission or read is a 4xx problem naming the field, and leaves no task behind. */
@MicronautTest
class SyncBadInputTest extends ApiWithReceiverTest {

    private static final String SOURCE = "{\"url\":\"http://127.0.0.1:1/export\"}";

    @Inject
    TaskRepository tasks;

    private long tasksBefore;

    @BeforeEach
    void countTasks() {
        tasksBefore = tasks.count();
    }

    @AfterEach
    void nothingWasWritten() {
        assertEquals(tasksBefore, tasks.count(), "a refused request must not leave a task");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bad date               | {"source":SRC,"dateFrom":"2026-13-01","dateTo":"2026-12-31"} | payload.dateFrom
            date of wrong kind     | {"source":SRC,"dateFrom":20260101,"dateTo":"2026-12-31"}   | payload.dateFrom
            inverted range         | {"source":SRC,"dateFrom":"2026-02-01","dateTo":"2026-01-31"} | payload.dateTo
            range too long         | {"source":SRC,"dateFrom":"2000-01-01","dateTo":"2026-01-31"} | payload.dateTo
            missing dateTo         | {"source":SRC,"dateFrom":"2026-01-01"}                     | payload.dateTo
            missing source         | {"dateFrom":"2026-01-01","dateTo":"2026-01-31"}            | payload.source
            unknown field          | {"source":SRC,"dateFrom":"2026-01-01","dateTo":"2026-01-31","autoclassify":true} | payload.autoclassify
            unknown source field   | {"source":{"url":"http://127.0.0.1:1/","paging":"page"},"dateFrom":"2026-01-01","dateTo":"2026-01-31"} | payload.source.paging
            forbidden source url   | {"source":{"url":"http://169.254.169.254/latest"},"dateFrom":"2026-01-01","dateTo":"2026-01-31"} | payload.source.url
            private source url     | {"source":{"url":"http://10.1.2.3/export"},"dateFrom":"2026-01-01","dateTo":"2026-01-31"} | payload.source.url
            source not http        | {"source":{"url":"file:///etc/passwd"},"dateFrom":"2026-01-01","dateTo":"2026-01-31"} | payload.source.url
            ambiguous source host  | {"source":{"url":"http://0177.0.0.1:1/export"},"dateFrom":"2026-01-01","dateTo":"2026-01-31"} | payload.source.url
            source port zero       | {"source":{"url":"http://127.0.0.1:0/export"},"dateFrom":"2026-01-01","dateTo":"2026-01-31"} | payload.source.url
            source 6to4 address    | {"source":{"url":"http://[2002:a00:1::]/export"},"dateFrom":"2026-01-01","dateTo":"2026-01-31"} | payload.source.url
            bad pagination         | {"source":{"url":"http://127.0.0.1:1/","pagination":"pages"},"dateFrom":"2026-01-01","dateTo":"2026-01-31"} | payload.source.pagination
            page size too big      | {"source":{"url":"http://127.0.0.1:1/","pageSize":5000},"dateFrom":"2026-01-01","dateTo":"2026-01-31"} | payload.source.pageSize
            rate of zero           | {"source":{"url":"http://127.0.0.1:1/","requestsPerSecond":0},"dateFrom":"2026-01-01","dateTo":"2026-01-31"} | payload.source.requestsPerSecond
            reserved header        | {"source":{"url":"http://127.0.0.1:1/","headers":{"Host":"x"}},"dateFrom":"2026-01-01","dateTo":"2026-01-31"} | payload.source.headers.Host
            batch size zero        | {"source":SRC,"dateFrom":"2026-01-01","dateTo":"2026-01-31","batchSize":0} | payload.batchSize
            source timeout         | {"source":{"url":"http://127.0.0.1:1/","timeoutSeconds":301},"dateFrom":"2026-01-01","dateTo":"2026-01-31"} | payload.source.timeoutSeconds
            """)
    void aFaultyBankTransactionsSyncIsRefusedNamingTheField(String name, String body, String field) {
        assertRefused(api.post("/api/tasks/bank-transactions-sync", body.replace("SRC", SOURCE)), 400, field, name);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no records nor url     | {"event":"x"}                                               | webhookUrl
            blank event            | {"webhookUrl":"http://127.0.0.1:1/hook","event":" "}        | event
            missing event          | {"webhookUrl":"http://127.0.0.1:1/hook","data":{}}          | event
            records and data       | {"webhookUrl":"http://127.0.0.1:1/hook","event":"e","records":[1],"data":{}} | data
            empty records          | {"webhookUrl":"http://127.0.0.1:1/hook","event":"e","records":[]} | records
            batch too big          | {"webhookUrl":"http://127.0.0.1:1/hook","event":"e","records":[1],"batchSize":5000} | batchSize
            forbidden webhook      | {"webhookUrl":"http://169.254.169.254/hook","event":"e"}    | webhookUrl
            url instead            | {"url":"http://127.0.0.1:1/hook","event":"e"}               | url
            unknown field          | {"webhookUrl":"http://127.0.0.1:1/hook","event":"e","recordz":[]} | recordz
            blank secret           | {"webhookUrl":"http://127.0.0.1:1/hook","event":"e","secret":""} | secret
            """)
    void aFaultyN8nTriggerIsRefusedNamingTheField(String name, String body, String field) {
        assertRefused(api.post("/api/integrations/n8n/trigger", body), 400, field, name);
    }

    @Test
    void aUserMayNotStartAPullSync() {
        Api user = api.as(Tokens.of("clerk", Tokens.TENANT, "USER"));
        Api.Response refused = user.post("/api/tasks/contractors-sync", "{\"source\":" + SOURCE + "}");
        assertEquals(403, refused.status(), refused.text());
        assertTrue(refused.contentType().startsWith("application/problem+json"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bad dateFrom      | /api/sync/bank-transactions?dateFrom=yesterday        | dateFrom
            inverted range    | /api/sync/bank-transactions?dateFrom=2026-02-01&dateTo=2026-01-01 | dateTo
            bad direction     | /api/sync/bank-transactions?direction=sideways        | direction
            bad cursor        | /api/sync/bank-transactions?cursor=nonsense           | cursor
            limit zero        | /api/sync/bank-transactions?limit=0                   | limit
            bad tax id        | /api/sync/contractors?taxId=12ab                      | taxId
            limit too big     | /api/sync/contractors?limit=5000                      | limit
            bad cursor        | /api/sync/contractors?cursor=zz~~                    | cursor
            """)
    void aFaultyReadIsRefusedNamingTheParameter(String name, String path, String field) {
        assertRefused(api.get(path), 400, field, name);
    }

    @Test
    void failuresOfATaskNobodyHereCanSeeAreNotFound() {
        Api.Response missing = api.get("/api/tasks/contractors-sync-nope/sync-failures");
        assertEquals(404, missing.status(), missing.text());
        assertRefused(api.get("/api/tasks/contractors-sync-nope/sync-failures?limit=-1"), 400, "limit", "limit");
    }

    private static void assertRefused(Api.Response response, int status, String field, String name) {
        assertEquals(status, response.status(), name + ": " + response.text());
        assertTrue(response.contentType().startsWith("application/problem+json"), response.contentType());
        assertTrue(response.text().contains("\"field\":\"" + field + "\""), name + ": " + response.text());
    }
}
