package dev.tasklane.gateway.clients;

import com.google.protobuf.ByteString;
import dev.tasklane.activities.testing.WebhookReceiver;
import dev.tasklane.activities.testing.WebhookReceiver.Reply;
import dev.tasklane.gateway.support.TasklaneProcess;
import dev.tasklane.gateway.support.Tokens;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes a live Tasklane from its own OpenAPI document with Schemathesis: every operation but the stream of all
 * tasks' events (which stays open), through its examples, coverage, fuzzing and stateful phases, the last along the
 * document's links from a submission to its reading, cancelling, retrying and deleting. It fails on any 5xx, any
 * response the document does not describe, and any error that is not a problem; then on any task the requests left
 * half-written: a catalog row without its workflow, or a running task workflow without its row. The Tasklane under
 * test reaches no host but loopback ({@code only-allowed-hosts}); the URLs of generated bodies are pointed at a
 * receiver on loopback, so their tasks run.
 */
class ApiFuzzIT {

    private static final Path VENV = Path.of("target", "clients-venv").toAbsolutePath();
    private static final Path CHECKS = Path.of("..", "clients", "fuzz").toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.createDefault();

    @Test
    void theApiHoldsToItsDocumentUnderGeneratedRequestsAndLeavesNoTaskHalfWritten() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start("127.0.0.1").otherwise(Reply.status(200));
             TasklaneProcess tasklane = TasklaneProcess.start("api-fuzz", Map.of(
                "TASKLANE_WEBHOOK_ALLOWED_HOSTS", "127.0.0.0/8,::1,localhost",
                "TASKLANE_WEBHOOK_ONLY_ALLOWED_HOSTS", "true"))) {
            String token = Tokens.admin();
            Path output = Path.of("target", "api-fuzz.log").toAbsolutePath();
            ProcessBuilder schemathesis = new ProcessBuilder(VENV.resolve("bin/schemathesis").toString(), "run",
                    tasklane.base().resolve("/openapi.yml").toString(),
                    "--header", "Authorization: Bearer " + token,
                    "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,"
                            + "response_schema_conformance,response_headers_conformance,errors_are_problems",
                    "--phases", "examples,coverage,fuzzing,stateful",
                    "--exclude-operation-id", "streamAllEvents",
                    "--max-examples", "25",
                    "--request-timeout", "15",
                    "--no-color")
                    .directory(output.getParent().toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
            schemathesis.environment().put("SCHEMATHESIS_HOOKS", "checks");
            schemathesis.environment().put("PYTHONPATH", CHECKS.toString());
            schemathesis.environment().put("TASKLANE_FUZZ_RECEIVER", receiver.url("/fuzz"));
            Process run = schemathesis.start();
            assertTrue(run.waitFor(15, TimeUnit.MINUTES), "Schemathesis ends within 15 minutes; " + output);
            String report = Files.readString(output, StandardCharsets.UTF_8);
            System.out.println(report.substring(report.lastIndexOf("SUMMARY") > 0 ? report.lastIndexOf("SUMMARY") - 40
                    : 0));
            assertEquals(0, run.exitValue(), () -> "Schemathesis found faults: " + failures(report));

            assertNoTaskIsHalfWritten(tasklane, token);
        }
    }

    /** The report's failures, without its warnings and summary, so the build's own log says what failed. */
    private static String failures(String report) {
        int start = report.indexOf("FAILURES");
        int end = report.indexOf("=== WARNINGS", Math.max(start, 0));
        return start < 0 ? report : report.substring(start, end < 0 ? report.length() : end);
    }

    /**
     * Every task the catalog lists has its workflow in Temporal, and every running task workflow its row. A closed
     * workflow may have none: deleting a finished task, or a cleanup, removes its row while Temporal keeps the
     * history until its retention.
     */
    private static void assertNoTaskIsHalfWritten(TasklaneProcess tasklane, String token) throws Exception {
        List<String> types = new ArrayList<>();
        get(tasklane.base(), "/api/task-types", token).values().forEach(type -> types.add(type.get("name")
                .getStringValue()));
        Set<String> catalog = new HashSet<>();
        String cursor = null;
        do {
            JsonNode page = get(tasklane.base(), "/api/tasks?limit=500"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), token);
            page.get("items").values().forEach(task -> catalog.add(task.get("id").getStringValue()));
            JsonNode next = page.get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.getStringValue();
        } while (cursor != null);

        WorkflowServiceStubs temporal = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(tasklane.temporalAddress()).build());
        try {
            List<String> rowsWithoutWorkflow = new ArrayList<>();
            for (String id : catalog) {
                try {
                    temporal.blockingStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                            .setNamespace("default").setExecution(WorkflowExecution.newBuilder().setWorkflowId(id))
                            .build());
                } catch (io.grpc.StatusRuntimeException missing) {
                    rowsWithoutWorkflow.add(id + " (" + missing.getStatus().getCode() + ")");
                }
            }
            List<String> workflowsWithoutRow = new ArrayList<>();
            ByteString page = ByteString.EMPTY;
            do {
                ListWorkflowExecutionsResponse listed = temporal.blockingStub().listWorkflowExecutions(
                        ListWorkflowExecutionsRequest.newBuilder().setNamespace("default").setPageSize(1000)
                                .setNextPageToken(page).build());
                for (WorkflowExecutionInfo workflow : listed.getExecutionsList()) {
                    String id = workflow.getExecution().getWorkflowId();
                    boolean running = workflow.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
                    if (running && types.stream().anyMatch(type -> id.startsWith(type + "-"))
                            && !catalog.contains(id)) {
                        workflowsWithoutRow.add(id);
                    }
                }
                page = listed.getNextPageToken();
            } while (!page.isEmpty());
            assertEquals(List.of(), rowsWithoutWorkflow, "catalog rows without a workflow");
            assertEquals(List.of(), workflowsWithoutRow, "running task workflows without a catalog row");
            System.out.println("api fuzz: " + catalog.size() + " tasks, each with its workflow");
        } finally {
            temporal.shutdownNow();
        }
    }

    private static JsonNode get(URI base, String path, String token) throws IOException, InterruptedException {
        HttpResponse<byte[]> answer = HTTP.send(HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, answer.statusCode(), path + ": " + new String(answer.body(), StandardCharsets.UTF_8));
        return JSON.readValue(answer.body(), JsonNode.class);
    }
}
