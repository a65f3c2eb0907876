/** The Tasklane API over HTTP: tasks, live progress, documents, schedules and notifications. */

import type { components } from "./openapi.js";
import { NotFound, WaitTimeout, problemFrom } from "./errors.js";
import { parseEvents } from "./sse.js";

type Schemas = components["schemas"];
export type Task = Schemas["TaskView"];
export type TaskEvent = Schemas["TaskEventView"];
export type TaskSubmission = Schemas["TaskSubmission"];
export type TaskTypeName = TaskSubmission["type"];
export type PayloadOf<T extends TaskTypeName> = Extract<TaskSubmission, { type: T }>["payload"];
export type DocumentView = Schemas["DocumentView"];
export type ScheduleView = Schemas["ScheduleView"];
export type ScheduleDefinition = Schemas["ScheduleDefinition"];
export type Notification = Schemas["NotificationController.Notification"];
export type BatchView = Schemas["BatchController.BatchView"];

/** A page of a listing and the cursor of the next, null on the last. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** How live progress reaches the client, in the order `followTask` tries them. */
export type Transport = "websocket" | "sse" | "polling";

/** What a browser's or the `ws` package's WebSocket constructor is to the client. */
export interface WebSocketLike {
  onmessage: ((message: { data: unknown }) => void) | null;
  onclose: ((close: { code: number; reason: string }) => void) | null;
  onerror: ((error: unknown) => void) | null;
  close(): void;
}
export type WebSocketConstructor = new (url: string) => WebSocketLike;

export interface ClientOptions {
  /** Default: `TASKLANE_URL`, then http://localhost:8080. */
  baseUrl?: string;
  /** The bearer token. Default: `TASKLANE_TOKEN`. */
  token?: string;
  /** Each request's limit, streams excepted (default 10 s). */
  timeoutMs?: number;
  /** How often a read or a submission is retried on a network fault, 429 or 502-504 (default 3). */
  retries?: number;
  /** Default: the global WebSocket (browsers, Node 22); pass the `ws` package's on Node 20, or null for none. */
  webSocket?: WebSocketConstructor | null;
  /** Receives one line per request, `METHOD path -> status`; never a token. */
  logger?: (line: string) => void;
}

export interface FollowOptions {
  /** Called once per event, in order, across reconnects and fallbacks. */
  onEvent?: (event: TaskEvent) => void;
  /** Resume after this event id. */
  lastEventId?: number;
  /** Tried in order; the next takes over from the last event when one fails (default all three). */
  transports?: Transport[];
  /** Polling's interval (default 1 s). */
  pollIntervalMs?: number;
  /** Gives up with `WaitTimeout` after this long. */
  timeoutMs?: number;
}

const RETRIED = new Set([429, 502, 503, 504]);
const FINISHED = new Set(["COMPLETED", "FAILED", "CANCELLED", "TIMED_OUT"]);
const TERMINAL = new Set(["task_completed", "task_failed", "task_cancelled"]);

const env = (name: string): string | undefined =>
  (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env[name];

/**
 * A client of one Tasklane, acting with one bearer token. Reads, and submissions (each carries an idempotency key),
 * are retried on network faults, 429 and 502-504, honouring Retry-After; other calls are sent once. Error answers are
 * thrown as {@link ProblemError} subclasses carrying the fields at fault.
 */
export class TasklaneClient {
  private readonly base: string;
  private readonly token: string;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly webSocket: WebSocketConstructor | null;
  private readonly logger: (line: string) => void;

  constructor(options: ClientOptions = {}) {
    this.base = (options.baseUrl ?? env("TASKLANE_URL") ?? "http://localhost:8080").replace(/\/+$/, "");
    const token = options.token ?? env("TASKLANE_TOKEN");
    if (!token) {
      throw new Error("no token: pass { token } or set TASKLANE_TOKEN");
    }
    this.token = token;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.retries = options.retries ?? 3;
    this.webSocket = options.webSocket === undefined
      ? ((globalThis as { WebSocket?: WebSocketConstructor }).WebSocket ?? null) : options.webSocket;
    this.logger = options.logger ?? (() => {});
  }

  // tasks

  /** Submits a task (`POST /api/tasks`); a repeated idempotency key returns the task it first made. */
  submit(submission: TaskSubmission): Promise<Task> {
    return this.send("POST", "/api/tasks",
      { body: submission, submission: true, key: submission.idempotencyKey ?? undefined });
  }

  /** Submits to the type's own endpoint (`POST /api/tasks/{type}`), the payload as the body. */
  submitTyped<T extends TaskTypeName>(type: T, payload: PayloadOf<T>,
    options: { priority?: string; runAt?: string; idempotencyKey?: string } = {}): Promise<Task> {
    return this.send("POST", `/api/tasks/${encodeURIComponent(type)}`, {
      body: payload, submission: true, key: options.idempotencyKey,
      query: { priority: options.priority, runAt: options.runAt },
    });
  }

  /** Submits several tasks as one batch task. */
  submitBatch(items: TaskSubmission[], options: { concurrency?: number; onFailure?: "continue" | "stop" } = {}):
    Promise<BatchView> {
    return this.send("POST", "/api/tasks/batch", { body: { items, ...options }, once: true });
  }

  get(id: string): Promise<Task> {
    return this.send("GET", `/api/tasks/${encodeURIComponent(id)}`);
  }

  /** One page of tasks, newest first. */
  list(query: { type?: string; status?: string; priority?: string; limit?: number; cursor?: string } = {}):
    Promise<Page<Task>> {
    return this.send("GET", "/api/tasks", { query });
  }

  /** Every matching task, newest first, page after page. */
  async *iterate(query: { type?: string; status?: string; priority?: string; pageSize?: number } = {}):
    AsyncGenerator<Task> {
    let cursor: string | undefined;
    do {
      const page = await this.list({ type: query.type, status: query.status, priority: query.priority,
        limit: query.pageSize ?? 100, cursor });
      yield* page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  cancel(id: string): Promise<Task> {
    return this.send("POST", `/api/tasks/${encodeURIComponent(id)}/cancel`, { once: true });
  }

  /** Runs a finished FAILED, CANCELLED or TIMED_OUT task again, as a new task naming the old one. */
  retry(id: string): Promise<Task> {
    return this.send("POST", `/api/tasks/${encodeURIComponent(id)}/retry`, { once: true });
  }

  async delete(id: string): Promise<void> {
    await this.send("DELETE", `/api/tasks/${encodeURIComponent(id)}`, { once: true });
  }

  /** Moves a task that has not started (SCHEDULED, QUEUED or WAITING) to another priority. */
  changePriority(id: string, priority: string): Promise<Task> {
    return this.send("POST", `/api/tasks/${encodeURIComponent(id)}/priority`, { body: { priority } });
  }

  /** Sends a signal the task's type declares to its workflow. */
  async signal(id: string, name: string, body?: Record<string, unknown>): Promise<void> {
    await this.send("POST", `/api/tasks/${encodeURIComponent(id)}/signals/${encodeURIComponent(name)}`,
      { body, once: true });
  }

  /** Asks the task's workflow a query its type declares, such as `progress`; the answer. */
  async query(id: string, name: string): Promise<unknown> {
    const answer: { result: unknown } = await this.send("GET",
      `/api/tasks/${encodeURIComponent(id)}/queries/${encodeURIComponent(name)}`);
    return answer.result;
  }

  /** Sends an update the task's type declares, such as a document's `review`; the workflow's answer. */
  async update(id: string, name: string, body?: Record<string, unknown>): Promise<unknown> {
    const answer: { result: unknown } = await this.send("POST",
      `/api/tasks/${encodeURIComponent(id)}/updates/${encodeURIComponent(name)}`, { body, once: true });
    return answer.result;
  }

  /** The task's event log, oldest first, after event `after`. */
  async log(id: string, after?: number): Promise<TaskEvent[]> {
    const log: { events: TaskEvent[] } = await this.send("GET", `/api/tasks/${encodeURIComponent(id)}/logs`,
      { query: { after } });
    return log.events;
  }

  // live progress

  /**
   * Follows a task to its end, handing each event to `onEvent` once, and returns the finished task. Tries a
   * WebSocket, then server-sent events, then polling the event log; each resumes after the last event received.
   */
  async followTask(id: string, options: FollowOptions = {}): Promise<Task> {
    const deadline = options.timeoutMs === undefined ? Infinity : Date.now() + options.timeoutMs;
    let last = options.lastEventId ?? 0;
    const deliver = (event: TaskEvent): boolean => {
      if (event.id > last) {
        last = event.id;
        options.onEvent?.(event);
      }
      return TERMINAL.has(event.event);
    };
    let fault: unknown;
    for (const transport of options.transports ?? ["websocket", "sse", "polling"]) {
      try {
        const ended = transport === "websocket" ? await this.followBySocket(id, () => last, deliver, deadline)
          : transport === "sse" ? await this.followByStream(id, () => last, deliver, deadline)
          : await this.followByPolling(id, () => last, deliver, deadline, options.pollIntervalMs ?? 1000);
        if (ended) {
          return this.get(id);
        }
      } catch (error) {
        if (error instanceof NotFound || error instanceof WaitTimeout) {
          throw error;
        }
        fault = error;
        this.logger(`following ${id} by ${transport} failed (${(error as Error).message}); falling back`);
      }
    }
    throw fault instanceof Error ? fault : new Error(`could not follow ${id}`);
  }

  /** The task's events as server-sent events, replayed after `lastEventId` and then live, to the terminal one. */
  async *events(id: string, lastEventId?: number): AsyncGenerator<TaskEvent> {
    const response = await this.open(`/api/tasks/${encodeURIComponent(id)}/events`, lastEventId);
    for await (const sent of parseEvents(response.body as unknown as AsyncIterable<Uint8Array>)) {
      const event = JSON.parse(sent.data) as TaskEvent;
      yield event;
      if (TERMINAL.has(event.event)) {
        return;
      }
    }
  }

  private followBySocket(id: string, last: () => number, deliver: (e: TaskEvent) => boolean, deadline: number):
    Promise<boolean> {
    const Socket = this.webSocket;
    if (!Socket) {
      return Promise.reject(new Error("no WebSocket here"));
    }
    const url = new URL(`/ws/tasks/${encodeURIComponent(id)}`, this.base.replace(/^http/, "ws") + "/");
    url.searchParams.set("access_token", this.token);
    url.searchParams.set("lastEventId", String(last()));
    return new Promise((resolve, reject) => {
      const socket = new Socket(url.toString());
      let ended = false;
      const timer = deadline === Infinity ? undefined : setTimeout(() => {
        socket.close();
        reject(new WaitTimeout(`task ${id} did not end in time`));
      }, Math.max(0, deadline - Date.now()));
      socket.onmessage = (message) => {
        if (deliver(JSON.parse(String(message.data)) as TaskEvent)) {
          ended = true;
          clearTimeout(timer);
          socket.close();
          resolve(true);
        }
      };
      socket.onerror = () => undefined;
      socket.onclose = (close) => {
        clearTimeout(timer);
        if (!ended) {
          reject(new Error(`socket closed before the end (${close.code} ${close.reason})`));
        }
      };
    });
  }

  private async followByStream(id: string, last: () => number, deliver: (e: TaskEvent) => boolean,
    deadline: number): Promise<boolean> {
    const controller = new AbortController();
    const timer = deadline === Infinity ? undefined
      : setTimeout(() => controller.abort(), Math.max(0, deadline - Date.now()));
    try {
      const response = await this.open(`/api/tasks/${encodeURIComponent(id)}/events`, last(), controller.signal);
      for await (const sent of parseEvents(response.body as unknown as AsyncIterable<Uint8Array>)) {
        if (deliver(JSON.parse(sent.data) as TaskEvent)) {
          return true;
        }
      }
      return FINISHED.has((await this.get(id)).status);
    } catch (error) {
      if (controller.signal.aborted) {
        throw new WaitTimeout(`task ${id} did not end in time`);
      }
      throw error;
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
  }

  private async followByPolling(id: string, last: () => number, deliver: (e: TaskEvent) => boolean,
    deadline: number, intervalMs: number): Promise<boolean> {
    for (;;) {
      for (const event of await this.log(id, last())) {
        if (deliver(event)) {
          return true;
        }
      }
      if (FINISHED.has((await this.get(id)).status) && (await this.log(id, last())).length === 0) {
        return true;
      }
      if (Date.now() + intervalMs > deadline) {
        throw new WaitTimeout(`task ${id} did not end in time`);
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }

  // documents

  /** Submits one document by its text or URL: the document and its processing task. */
  submitDocument(document: Schemas["DocumentSubmission"]): Promise<DocumentView> {
    return this.send("POST", "/api/documents", { body: document, once: true });
  }

  getDocument(id: string): Promise<DocumentView> {
    return this.send("GET", `/api/documents/${encodeURIComponent(id)}`);
  }

  documentChunks(id: string, query: { offset?: number; limit?: number } = {}):
    Promise<Schemas["DocumentController.ChunkPage"]> {
    return this.send("GET", `/api/documents/${encodeURIComponent(id)}/chunks`, { query });
  }

  searchDocuments(q: string, k?: number): Promise<Schemas["DocumentController.SearchResults"]> {
    return this.send("GET", "/api/documents/search", { query: { q, k } });
  }

  async deleteDocument(id: string): Promise<void> {
    await this.send("DELETE", `/api/documents/${encodeURIComponent(id)}`, { once: true });
  }

  // schedules

  createSchedule(definition: ScheduleDefinition): Promise<ScheduleView> {
    return this.send("POST", "/api/schedules", { body: definition, once: true });
  }

  async listSchedules(): Promise<ScheduleView[]> {
    return (await this.send<{ items: ScheduleView[] }>("GET", "/api/schedules")).items;
  }

  getSchedule(name: string): Promise<ScheduleView> {
    return this.send("GET", `/api/schedules/${encodeURIComponent(name)}`);
  }

  updateSchedule(name: string, definition: ScheduleDefinition): Promise<ScheduleView> {
    return this.send("PUT", `/api/schedules/${encodeURIComponent(name)}`, { body: definition, once: true });
  }

  pauseSchedule(name: string, note?: string): Promise<ScheduleView> {
    return this.send("POST", `/api/schedules/${encodeURIComponent(name)}/pause`, { body: { note }, once: true });
  }

  resumeSchedule(name: string, note?: string): Promise<ScheduleView> {
    return this.send("POST", `/api/schedules/${encodeURIComponent(name)}/resume`, { body: { note }, once: true });
  }

  /** Runs the schedule's task now. */
  triggerSchedule(name: string): Promise<Task> {
    return this.send("POST", `/api/schedules/${encodeURIComponent(name)}/trigger`, { once: true });
  }

  backfillSchedule(name: string, from: string, to: string): Promise<ScheduleView> {
    return this.send("POST", `/api/schedules/${encodeURIComponent(name)}/backfill`, { body: { from, to }, once: true });
  }

  async deleteSchedule(name: string): Promise<void> {
    await this.send("DELETE", `/api/schedules/${encodeURIComponent(name)}`, { once: true });
  }

  // notifications

  notifications(query: { unreadOnly?: boolean; limit?: number; cursor?: string } = {}):
    Promise<Page<Notification>> {
    return this.send("GET", "/api/notifications", { query });
  }

  markRead(id: number): Promise<Notification> {
    return this.send("POST", `/api/notifications/${id}/read`, { once: true });
  }

  // transport

  private async send<T>(method: string, path: string,
    options: { body?: unknown; query?: Record<string, unknown>; submission?: boolean; key?: string; once?: boolean } = {}):
    Promise<T> {
    const url = new URL(this.base + path);
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined && value !== null) {
        url.searchParams.set(name, String(value));
      }
    }
    const headers: Record<string, string> = { Authorization: `Bearer ${this.token}`, Accept: "application/json" };
    if (options.body !== undefined) {
      headers["Content-Type"] = "application/json";
    }
    if (options.submission) {
      headers["Idempotency-Key"] = options.key ?? crypto.randomUUID();
    }
    const retried = !options.once && (method === "GET" || options.submission === true);
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(url, {
          method, headers, signal: AbortSignal.timeout(this.timeoutMs),
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
        });
      } catch (fault) {
        if (!retried || attempt > this.retries) {
          throw fault;
        }
        await sleep(backoff(attempt));
        continue;
      }
      this.logger(`${method} ${path} -> ${response.status}`);
      if (response.ok) {
        return (response.status === 204 ? undefined : await response.json()) as T;
      }
      const problem = problemFrom(response.status, await response.json().catch(() => null),
        retryAfter(response));
      if (retried && attempt <= this.retries && RETRIED.has(response.status)) {
        await sleep(problem.retryAfterSeconds !== undefined ? problem.retryAfterSeconds * 1000 : backoff(attempt));
        continue;
      }
      throw problem;
    }
  }

  private async open(path: string, lastEventId?: number, signal?: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.token}`, Accept: "text/event-stream" };
    if (lastEventId) {
      headers["Last-Event-ID"] = String(lastEventId);
    }
    const response = await fetch(this.base + path, { headers, signal });
    this.logger(`GET ${path} -> ${response.status}`);
    if (!response.ok || !response.body) {
      throw problemFrom(response.status, await response.json().catch(() => null), retryAfter(response));
    }
    return response;
  }
}

function retryAfter(response: Response): number | undefined {
  const value = Number(response.headers.get("Retry-After") ?? NaN);
  return Number.isFinite(value) ? value : undefined;
}

function backoff(attempt: number): number {
  return Math.min(200 * 2 ** (attempt - 1), 5000) * (0.5 + Math.random() / 2);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

