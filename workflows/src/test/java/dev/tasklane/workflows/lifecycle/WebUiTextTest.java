package dev.tasklane.workflows.lifecycle;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The text the Temporal Web UI shows of a task: URLs without credentials, details and current details as markdown. */
class WebUiTextTest {

    @Test
    void aUrlIsShownWithoutItsUserInfoQueryOrFragment() {
        assertEquals("https://hooks.example.com:8443/in/orders",
                ShownUrl.of("https://user:pa55@hooks.example.com:8443/in/orders?token=s3cret#part"));
        assertEquals("http://127.0.0.1/", ShownUrl.of("http://127.0.0.1/"));
        assertEquals("(a URL that cannot be read)", ShownUrl.of("not a url"));
        assertEquals("(a URL that cannot be read)", ShownUrl.of("http://host/with space"));
    }

    @Test
    void detailsShowEveryValueAsCodeSoNoClientTextBecomesMarkup() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Name", "[click](https://elsewhere) `x`");
        facts.put("Idempotency key", "order-42");

        assertEquals("""
                **document-pipeline** task of tenant `acme`, submitted by `ana`, priority HIGH

                - Name: `[click](https://elsewhere) 'x'`
                - Idempotency key: `order-42`""",
                TaskDetails.of("document-pipeline", "acme", "ana", TaskPriority.HIGH, facts));
        assertEquals("**batch** task, priority LOW\n", TaskDetails.of("batch", null, null, TaskPriority.LOW, Map.of()));
    }

    @Test
    void currentDetailsSayTheStatusStepAndHowFarTheWorkflowKnowsItGot() {
        TaskProgress counted = TaskProgress.NONE.enterStep("children").counting(2, 5, "2 of 5 children finished");
        assertEquals("""
                **RUNNING** · step `children`

                Progress: 40 % (2 of 5)

                2 of 5 children finished""", CurrentDetails.of(TaskStatus.RUNNING, counted, null));

        TaskProgress staged = TaskProgress.NONE.enterStep("CLASSIFYING").enterStep("EXTRACTING");
        assertEquals("""
                **RUNNING** · step `EXTRACTING`

                Progress: at least 5 %, where this step starts

                Done: CLASSIFYING""", CurrentDetails.of(TaskStatus.RUNNING, staged, 5.0));
        assertEquals("**QUEUED**", CurrentDetails.of(TaskStatus.QUEUED, TaskProgress.NONE, null));
    }
}
