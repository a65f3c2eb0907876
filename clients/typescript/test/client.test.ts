// The client against a live Tasklane (TASKLANE_URL, TASKLANE_TOKEN) and a receiver its webhooks call
// (TASKLANE_TEST_RECEIVER), both on loopback, started by the test that runs these (ClientLibrariesIT).
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import WebSocket from "ws";

import {
  InvalidRequest, NotFound, TasklaneClient, Unavailable, type TaskEvent, type Transport, type WebSocketConstructor,
} from "../src/index.js";

const receiver = (process.env.TASKLANE_TEST_RECEIVER ?? "").replace(/\/+$/, "");
const client = new TasklaneClient({ webSocket: WebSocket as unknown as WebSocketConstructor });
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();
const unique = () => Math.random().toString(36).slice(2, 10);

for (const transport of ["websocket", "sse", "polling"] as Transport[]) {
  test(`a task is followed by ${transport} from its first event to its end`, async () => {
    const task = await client.submit({ type: "webhook-delivery", payload: { url: `${receiver}/${transport}/${unique()}` } });
    const events: TaskEvent[] = [];

    const done = await client.followTask(task.id, { transports: [transport], onEvent: (e) => events.push(e),
      pollIntervalMs: 200, timeoutMs: 60_000 });

    assert.equal(done.status, "COMPLETED");
    assert.equal(events[0].event, "task_started");
    assert.equal(events.at(-1)?.event, "task_completed");
    const ids = events.map((e) => e.id);
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b));
    assert.equal(new Set(ids).size, ids.length);
  });
}

test("without a WebSocket the client falls back to server-sent events", async () => {
  const lines: string[] = [];
  const noSockets = new TasklaneClient({ webSocket: null, logger: (line) => lines.push(line) });
  const task = await noSockets.submit({ type: "webhook-delivery", payload: { url: `${receiver}/fallback` } });

  const done = await noSockets.followTask(task.id, { timeoutMs: 60_000 });

  assert.equal(done.status, "COMPLETED");
  assert.ok(lines.some((line) => line.includes("by websocket failed")), lines.join("\n"));
  assert.ok(lines.some((line) => line.includes(`/api/tasks/${task.id}/events -> 200`)), lines.join("\n"));
});

test("following resumes after the last event id it is given", async () => {
  const task = await client.submit({ type: "webhook-delivery", payload: { url: `${receiver}/resume` } });
  const all: TaskEvent[] = [];
  await client.followTask(task.id, { onEvent: (e) => all.push(e), timeoutMs: 60_000 });

  for (const transport of ["websocket", "sse", "polling"] as Transport[]) {
    const rest: TaskEvent[] = [];
    await client.followTask(task.id, { transports: [transport], lastEventId: all[0].id, onEvent: (e) => rest.push(e) });
    assert.deepEqual(rest.map((e) => e.id), all.slice(1).map((e) => e.id), transport);
  }
  const streamed: TaskEvent[] = [];
  for await (const event of client.events(task.id)) {
    streamed.push(event);
  }
  assert.deepEqual(streamed.map((e) => e.id), all.map((e) => e.id));
});

test("the typed endpoint schedules; a cancelled task is retried as a new one and deleted", async () => {
  const task = await client.submitTyped("webhook-delivery", { url: `${receiver}/typed` },
    { priority: "HIGH", runAt: inAnHour() });
  assert.equal(task.status, "SCHEDULED");
  assert.equal(task.priority, "HIGH");

  await client.cancel(task.id);
  const cancelled = await client.followTask(task.id, { timeoutMs: 30_000 });
  assert.equal(cancelled.status, "CANCELLED");
  const again = await client.retry(task.id);
  assert.equal(again.retryOf, task.id);
  await client.delete(task.id);
  await assert.rejects(client.get(task.id), NotFound);
  assert.equal((await client.followTask(again.id, { timeoutMs: 30_000 })).status, "COMPLETED");
});

test("a scheduled task changes priority; a document for review answers its query and goes on once approved",
  async () => {
    const later = await client.submit({ type: "webhook-delivery", payload: { url: `${receiver}/later` },
      runAt: inAnHour(), priority: "LOW" });
    assert.equal((await client.changePriority(later.id, "HIGH")).priority, "HIGH");
    await client.cancel(later.id);

    const document = await client.submitDocument({ text: `Board minutes ${unique()}. The budget was approved.`,
      review: "required" });
    const taskId = document.task!.id;
    const deadline = Date.now() + 60_000;
    while ((await client.get(taskId)).status !== "AWAITING_APPROVAL") {
      assert.ok(Date.now() < deadline, "the document never awaited approval");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.equal((await client.query(taskId, "progress") as { step: string }).step, "QUALITY_CHECK");
    const outcome = await client.update(taskId, "review", { decision: "approve" }) as { decision: string };
    assert.equal(outcome.decision, "approve");
    assert.equal((await client.followTask(taskId, { timeoutMs: 60_000 })).status, "COMPLETED");
  });

test("a repeated idempotency key returns the first task", async () => {
  const key = `order-${unique()}`;
  const first = await client.submit({ type: "webhook-delivery", payload: { url: `${receiver}/once` }, runAt: inAnHour(),
    idempotencyKey: key });
  const again = await client.submit({ type: "webhook-delivery", payload: { url: `${receiver}/once` }, runAt: inAnHour(),
    idempotencyKey: key });

  assert.equal(again.id, first.id);
  await client.cancel(first.id);
});

test("listing pages through every task once", async () => {
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    ids.push((await client.submit({ type: "webhook-delivery", payload: { url: `${receiver}/page` }, runAt: inAnHour() })).id);
  }

  const page = await client.list({ status: "SCHEDULED", limit: 2 });
  assert.equal(page.items.length, 2);
  assert.ok(page.nextCursor);
  const listed: string[] = [];
  for await (const task of client.iterate({ status: "SCHEDULED", pageSize: 2 })) {
    listed.push(task.id);
  }
  assert.equal(new Set(listed).size, listed.length);
  for (const id of ids) {
    assert.ok(listed.includes(id), id);
    await client.cancel(id);
  }
});

test("an invalid submission is an InvalidRequest naming each field", async () => {
  const error = await client.submit({ type: "webhook-delivery", payload: { url: "ftp://nowhere/", method: "GET" } })
    .then(() => assert.fail("accepted"), (e: unknown) => e);

  assert.ok(error instanceof InvalidRequest);
  assert.equal(error.status, 400);
  assert.ok("payload.url" in error.fieldErrors, JSON.stringify(error.errors));
  assert.ok("payload.method" in error.fieldErrors, JSON.stringify(error.errors));
});

test("a document is processed into chunks; a schedule is created, triggered and deleted", async () => {
  const text = `Invoice ${unique()}. ` + "The customer owes the amount due within thirty days. ".repeat(40);
  const document = await client.submitDocument({ text, name: "invoice.txt", chunkSize: 500 });
  assert.equal((await client.followTask(document.task!.id, { timeoutMs: 120_000 })).status, "COMPLETED");
  assert.ok((await client.documentChunks(document.id, { limit: 5 })).total >= 2);
  await client.deleteDocument(document.id);

  const name = `nightly-${unique()}`;
  const schedule = await client.createSchedule({ name, cron: "0 3 * * *", taskType: "webhook-delivery",
    payload: { url: `${receiver}/nightly` } });
  assert.equal(schedule.name, name);
  assert.equal((await client.pauseSchedule(name, "quiet week")).enabled, false);
  const run = await client.triggerSchedule(name);
  assert.equal((await client.followTask(run.id, { timeoutMs: 60_000 })).status, "COMPLETED");
  await client.deleteSchedule(name);
  await assert.rejects(client.getSchedule(name), NotFound);
});

test("reads and submissions are retried on 503, other calls are not, and the token never reaches the log", async () => {
  const seen = new Map<string, number>();
  const server = createServer((request, response) => {
    const count = (seen.get(request.url ?? "") ?? 0) + 1;
    seen.set(request.url ?? "", count);
    request.resume();
    if (count <= 2) {
      response.writeHead(503, { "Content-Type": "application/problem+json", "Retry-After": "0" });
      response.end('{"type":"urn:tasklane:problem:temporal-unavailable","title":"Temporal unavailable","status":503,"detail":"later"}');
    } else {
      response.writeHead(200, { "Content-Type": "application/json" });
      response.end('{"id":"webhook-delivery-1","type":"webhook-delivery","status":"QUEUED"}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const lines: string[] = [];
  const flaky = new TasklaneClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    token: "secret-token-value", logger: (line) => lines.push(line) });
  try {
    assert.equal((await flaky.get("webhook-delivery-1")).status, "QUEUED");
    assert.equal(seen.get("/api/tasks/webhook-delivery-1"), 3);
    assert.equal((await flaky.submit({ type: "webhook-delivery", payload: { url: "http://127.0.0.1:1/" } })).id,
      "webhook-delivery-1");
    assert.equal(seen.get("/api/tasks"), 3);
    await assert.rejects(flaky.cancel("webhook-delivery-1"), Unavailable);
    assert.equal(seen.get("/api/tasks/webhook-delivery-1/cancel"), 1);
    assert.ok(lines.length >= 7);
    assert.ok(lines.every((line) => !line.includes("secret-token-value")));
  } finally {
    server.close();
  }
});
