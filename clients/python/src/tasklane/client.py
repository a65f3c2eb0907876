"""The Tasklane API over HTTP: tasks, events, documents, schedules and notifications."""

from __future__ import annotations

import json
import logging
import os
import random
import time
import uuid
from typing import Any, Dict, Iterator, List, Mapping, Optional
from urllib.parse import quote

import httpx

from .errors import ProblemError, WaitTimeout, problem_from
from .models import Event, Notification, Page, Task

log = logging.getLogger("tasklane")

RETRIED_STATUSES = frozenset({429, 502, 503, 504})


class Tasklane:
    """A client of one Tasklane, acting with one bearer token.

    The base URL and token come from the arguments or from ``TASKLANE_URL`` and ``TASKLANE_TOKEN``. Reads, and
    submissions (each carries an idempotency key), are retried on network faults, 429 and 502-504, honouring
    Retry-After; other calls are sent once. Errors are raised as :class:`~tasklane.errors.ProblemError` subclasses.
    The token never appears in the client's log.
    """

    def __init__(self, base_url: Optional[str] = None, token: Optional[str] = None, *, timeout: float = 10.0,
                 retries: int = 3, transport: Optional[httpx.BaseTransport] = None) -> None:
        base = base_url or os.environ.get("TASKLANE_URL") or "http://localhost:8080"
        secret = token or os.environ.get("TASKLANE_TOKEN")
        if not secret:
            raise ValueError("no token: pass token= or set TASKLANE_TOKEN")
        self.retries = retries
        self._http = httpx.Client(base_url=base.rstrip("/"), timeout=timeout, transport=transport,
                                  headers={"Authorization": f"Bearer {secret}", "Accept": "application/json"})

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> "Tasklane":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # tasks

    def submit(self, type: str, payload: Mapping[str, Any], *, priority: Optional[str] = None,
               run_at: Optional[str] = None, idempotency_key: Optional[str] = None,
               retry: Optional[Mapping[str, Any]] = None, timeout_seconds: Optional[int] = None,
               callback_url: Optional[str] = None, callback_secret: Optional[str] = None,
               limits: Optional[List[Mapping[str, Any]]] = None) -> Task:
        """Submits a task (``POST /api/tasks``); a repeated idempotency key returns the task it first made.

        ``limits`` are the task's own limits, each ``{"key", "concurrency"?, "rate"?, "periodSeconds"?}``."""
        body: Dict[str, Any] = {"type": type, "payload": dict(payload)}
        for name, value in (("priority", priority), ("runAt", run_at), ("retry", retry),
                            ("timeoutSeconds", timeout_seconds), ("callbackUrl", callback_url),
                            ("callbackSecret", callback_secret),
                            ("limits", [dict(limit) for limit in limits] if limits else None)):
            if value is not None:
                body[name] = value
        return Task.of(self._submit("/api/tasks", body, idempotency_key))

    def submit_typed(self, type: str, payload: Mapping[str, Any], *, priority: Optional[str] = None,
                     run_at: Optional[str] = None, idempotency_key: Optional[str] = None) -> Task:
        """Submits a task to its type's own endpoint (``POST /api/tasks/{type}``), the payload as the body."""
        params = {name: value for name, value in (("priority", priority), ("runAt", run_at)) if value is not None}
        return Task.of(self._submit(f"/api/tasks/{_segment(type)}", dict(payload), idempotency_key, params))

    def submit_batch(self, items: List[Mapping[str, Any]], *, concurrency: Optional[int] = None,
                     on_failure: Optional[str] = None, priority: Optional[str] = None) -> Dict[str, Any]:
        """Submits several tasks as one batch task (``POST /api/tasks/batch``): ``{batch, items}``."""
        body: Dict[str, Any] = {"items": [dict(item) for item in items]}
        for name, value in (("concurrency", concurrency), ("onFailure", on_failure), ("priority", priority)):
            if value is not None:
                body[name] = value
        return self._json("POST", "/api/tasks/batch", body=body)

    def get(self, task_id: str) -> Task:
        """One task."""
        return Task.of(self._json("GET", f"/api/tasks/{_segment(task_id)}", idempotent=True))

    def list(self, *, type: Optional[str] = None, status: Optional[str] = None, priority: Optional[str] = None,
             limit: Optional[int] = None, cursor: Optional[str] = None) -> Page[Task]:
        """One page of tasks, newest first; pass its ``next_cursor`` for the next."""
        params = _params(type=type, status=status, priority=priority, limit=limit, cursor=cursor)
        page = self._json("GET", "/api/tasks", params=params, idempotent=True)
        return Page([Task.of(item) for item in page["items"]], page.get("nextCursor"))

    def iterate(self, *, type: Optional[str] = None, status: Optional[str] = None,
                priority: Optional[str] = None, page_size: int = 100) -> Iterator[Task]:
        """Every matching task, newest first, page after page."""
        cursor: Optional[str] = None
        while True:
            page = self.list(type=type, status=status, priority=priority, limit=page_size, cursor=cursor)
            yield from page.items
            if not page.next_cursor:
                return
            cursor = page.next_cursor

    def cancel(self, task_id: str) -> Task:
        """Asks the task to stop; it ends CANCELLED."""
        return Task.of(self._json("POST", f"/api/tasks/{_segment(task_id)}/cancel"))

    def retry(self, task_id: str) -> Task:
        """Runs a finished FAILED, CANCELLED or TIMED_OUT task again, as a new task that names the old one."""
        return Task.of(self._json("POST", f"/api/tasks/{_segment(task_id)}/retry"))

    def delete(self, task_id: str) -> None:
        """Deletes a finished task and everything kept for it."""
        self._send("DELETE", f"/api/tasks/{_segment(task_id)}")

    def change_priority(self, task_id: str, priority: str) -> Task:
        """Moves a task that has not started (SCHEDULED, QUEUED or WAITING) to another priority."""
        return Task.of(self._json("POST", f"/api/tasks/{_segment(task_id)}/priority", body={"priority": priority},
                                  idempotent=True))

    def signal(self, task_id: str, name: str, body: Optional[Mapping[str, Any]] = None) -> None:
        """Sends a signal the task's type declares to its workflow."""
        self._send("POST", f"/api/tasks/{_segment(task_id)}/signals/{_segment(name)}",
                   body=dict(body) if body else None)

    def query(self, task_id: str, name: str) -> Any:
        """Asks the task's workflow a query its type declares, such as ``progress``; the answer."""
        return self._json("GET", f"/api/tasks/{_segment(task_id)}/queries/{_segment(name)}",
                          idempotent=True)["result"]

    def update(self, task_id: str, name: str, body: Optional[Mapping[str, Any]] = None) -> Any:
        """Sends an update the task's type declares, such as a document's ``review``; the workflow's answer."""
        return self._json("POST", f"/api/tasks/{_segment(task_id)}/updates/{_segment(name)}",
                          body=dict(body) if body else None)["result"]

    def export(self, *, ids: Optional[List[str]] = None, type: Optional[str] = None, status: Optional[str] = None,
               start: Optional[str] = None, end: Optional[str] = None) -> List[Task]:
        """Matching tasks in one list, for a file (``GET /api/tasks/export``)."""
        params = _params(ids=",".join(ids) if ids else None, type=type, status=status, **{"from": start, "to": end})
        return [Task.of(item) for item in self._json("GET", "/api/tasks/export", params=params, idempotent=True)]

    def log(self, task_id: str, *, after: Optional[int] = None, limit: Optional[int] = None) -> List[Event]:
        """The task's event log, oldest first."""
        page = self._json("GET", f"/api/tasks/{_segment(task_id)}/logs", params=_params(after=after, limit=limit),
                          idempotent=True)
        return [Event.of(item.get("id"), item.get("event", ""), item) for item in page["events"]]

    # events

    def events(self, task_id: str, *, last_event_id: Optional[int] = None,
               read_timeout: float = 30.0) -> Iterator[Event]:
        """The task's events as they happen: replayed from the start (or after ``last_event_id``), then live, until
        the terminal event. A dropped stream is reopened from the last event received."""
        last = last_event_id
        while True:
            try:
                for event in self._stream(f"/api/tasks/{_segment(task_id)}/events", last, read_timeout):
                    if event.id is not None:
                        last = event.id
                    yield event
                    if event.terminal:
                        return
            except (httpx.ReadTimeout, httpx.RemoteProtocolError, httpx.ReadError) as dropped:
                log.debug("event stream of %s dropped (%s); resuming after %s", task_id, type(dropped).__name__,
                          last)
                continue
            if self.get(task_id).finished:
                return

    def wait(self, task_id: str, timeout: float = 60.0, *, poll_interval: float = 1.0) -> Task:
        """Waits until the task ends and returns it; raises :class:`~tasklane.errors.WaitTimeout` after ``timeout``
        seconds. Follows the event stream, and polls when the stream cannot be read."""
        deadline = time.monotonic() + timeout
        last: Optional[int] = None
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise WaitTimeout(f"task {task_id} did not end within {timeout} s")
            try:
                for event in self._stream(f"/api/tasks/{_segment(task_id)}/events", last, min(remaining, 30.0)):
                    if event.id is not None:
                        last = event.id
                    if event.terminal:
                        return self.get(task_id)
                    if time.monotonic() >= deadline:
                        break
            except httpx.TimeoutException:
                pass
            except (httpx.TransportError, ProblemError) as unreadable:
                if isinstance(unreadable, ProblemError) and unreadable.status == 404:
                    raise
                log.debug("event stream of %s unreadable (%s); polling", task_id, type(unreadable).__name__)
                time.sleep(min(poll_interval, max(0.0, deadline - time.monotonic())))
            task = self.get(task_id)
            if task.finished:
                return task

    # documents

    def submit_document(self, *, text: Optional[str] = None, url: Optional[str] = None, name: Optional[str] = None,
                        media_type: Optional[str] = None, **options: Any) -> Dict[str, Any]:
        """Submits one document by its text or URL (``POST /api/documents``): the document with its task."""
        body = _params(text=text, url=url, name=name, mediaType=media_type, **_camel(options))
        return self._json("POST", "/api/documents", body=body)

    def upload_document(self, content: bytes, filename: str, *, media_type: str = "application/octet-stream",
                        **options: Any) -> Dict[str, Any]:
        """Uploads one document file (``POST /api/documents`` as multipart/form-data)."""
        fields = {key: ",".join(value) if isinstance(value, list) else str(value)
                  for key, value in _camel(options).items() if value is not None}
        return self._json("POST", "/api/documents", files={"file": (filename, content, media_type)}, data=fields)

    def get_document(self, document_id: str) -> Dict[str, Any]:
        return self._json("GET", f"/api/documents/{_segment(document_id)}", idempotent=True)

    def document_chunks(self, document_id: str, *, offset: Optional[int] = None,
                        limit: Optional[int] = None) -> Dict[str, Any]:
        return self._json("GET", f"/api/documents/{_segment(document_id)}/chunks",
                          params=_params(offset=offset, limit=limit), idempotent=True)

    def search_documents(self, query: str, *, k: Optional[int] = None) -> Dict[str, Any]:
        return self._json("GET", "/api/documents/search", params=_params(q=query, k=k), idempotent=True)

    def delete_document(self, document_id: str) -> None:
        self._send("DELETE", f"/api/documents/{_segment(document_id)}")

    # schedules

    def create_schedule(self, name: str, cron: str, task_type: str, payload: Optional[Mapping[str, Any]] = None,
                        **options: Any) -> Dict[str, Any]:
        """Creates a schedule that submits a ``task_type`` task on each ``cron`` fire time."""
        body = _params(name=name, cron=cron, taskType=task_type, payload=dict(payload) if payload else None,
                       **_camel(options))
        return self._json("POST", "/api/schedules", body=body)

    def list_schedules(self) -> List[Dict[str, Any]]:
        return self._json("GET", "/api/schedules", idempotent=True)["items"]

    def get_schedule(self, name: str) -> Dict[str, Any]:
        return self._json("GET", f"/api/schedules/{_segment(name)}", idempotent=True)

    def update_schedule(self, name: str, cron: str, task_type: str, payload: Optional[Mapping[str, Any]] = None,
                        **options: Any) -> Dict[str, Any]:
        body = _params(name=name, cron=cron, taskType=task_type, payload=dict(payload) if payload else None,
                       **_camel(options))
        return self._json("PUT", f"/api/schedules/{_segment(name)}", body=body)

    def pause_schedule(self, name: str, note: Optional[str] = None) -> Dict[str, Any]:
        return self._json("POST", f"/api/schedules/{_segment(name)}/pause", body=_params(note=note))

    def resume_schedule(self, name: str, note: Optional[str] = None) -> Dict[str, Any]:
        return self._json("POST", f"/api/schedules/{_segment(name)}/resume", body=_params(note=note))

    def trigger_schedule(self, name: str) -> Task:
        """Runs the schedule's task now."""
        return Task.of(self._json("POST", f"/api/schedules/{_segment(name)}/trigger"))

    def backfill_schedule(self, name: str, start: str, end: str) -> Dict[str, Any]:
        return self._json("POST", f"/api/schedules/{_segment(name)}/backfill", body={"from": start, "to": end})

    def delete_schedule(self, name: str) -> None:
        self._send("DELETE", f"/api/schedules/{_segment(name)}")

    # notifications

    def notifications(self, *, unread_only: bool = False, limit: Optional[int] = None,
                      cursor: Optional[str] = None) -> Page[Notification]:
        page = self._json("GET", "/api/notifications", idempotent=True,
                          params=_params(unreadOnly="true" if unread_only else None, limit=limit, cursor=cursor))
        return Page([Notification.of(item) for item in page["items"]], page.get("nextCursor"))

    def mark_read(self, notification_id: int) -> Notification:
        return Notification.of(self._json("POST", f"/api/notifications/{int(notification_id)}/read"))

    def mark_all_read(self) -> int:
        return int(self._json("POST", "/api/notifications/read-all")["marked"])

    # transport

    def _submit(self, path: str, body: Any, key: Optional[str], params: Optional[Dict[str, Any]] = None) -> Any:
        return self._json("POST", path, body=body, params=params, idempotent=True,
                          headers={"Idempotency-Key": key or str(uuid.uuid4())})

    def _json(self, method: str, path: str, **options: Any) -> Any:
        return self._send(method, path, **options).json()

    def _send(self, method: str, path: str, *, body: Any = None, params: Optional[Dict[str, Any]] = None,
              headers: Optional[Dict[str, str]] = None, idempotent: bool = False, files: Any = None,
              data: Any = None) -> httpx.Response:
        attempt = 0
        while True:
            attempt += 1
            try:
                response = self._http.request(method, path, json=body if files is None else None, params=params,
                                              headers=headers, files=files, data=data)
            except httpx.TransportError as fault:
                if not idempotent or attempt > self.retries:
                    raise
                log.debug("%s %s failed (%s); retrying", method, path, type(fault).__name__)
                time.sleep(_backoff(attempt, None))
                continue
            log.debug("%s %s -> %s", method, path, response.status_code)
            if response.status_code < 400:
                return response
            problem = problem_from(response.status_code, _body(response), _retry_after(response))
            if idempotent and attempt <= self.retries and response.status_code in RETRIED_STATUSES:
                time.sleep(_backoff(attempt, problem.retry_after))
                continue
            raise problem

    def _stream(self, path: str, last_event_id: Optional[int], read_timeout: float) -> Iterator[Event]:
        headers = {"Accept": "text/event-stream"}
        if last_event_id is not None:
            headers["Last-Event-ID"] = str(last_event_id)
        timeout = httpx.Timeout(self._http.timeout.connect or 10.0, read=read_timeout)
        with self._http.stream("GET", path, headers=headers, timeout=timeout) as response:
            if response.status_code >= 400:
                response.read()
                raise problem_from(response.status_code, _body(response), _retry_after(response))
            yield from parse_events(response.iter_lines())


def parse_events(lines: Iterator[str]) -> Iterator[Event]:
    """Server-sent events from the lines of a ``text/event-stream``: one event per blank-line-ended block."""
    event_id: Optional[int] = None
    name = "message"
    data: List[str] = []
    for line in lines:
        if line == "":
            if data:
                yield Event.of(event_id, name, json.loads("\n".join(data)))
            event_id, name, data = None, "message", []
            continue
        if line.startswith(":"):
            continue
        key, _, value = line.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if key == "id":
            event_id = int(value) if value.isdigit() else None
        elif key == "event":
            name = value
        elif key == "data":
            data.append(value)


def _segment(value: str) -> str:
    return quote(value, safe="")


def _params(**values: Any) -> Dict[str, Any]:
    return {key: value for key, value in values.items() if value is not None}


def _camel(options: Mapping[str, Any]) -> Dict[str, Any]:
    def camel(name: str) -> str:
        head, *rest = name.split("_")
        return head + "".join(word.capitalize() for word in rest)
    return {camel(key): value for key, value in options.items() if value is not None}


def _body(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def _retry_after(response: httpx.Response) -> Optional[float]:
    value = response.headers.get("Retry-After")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _backoff(attempt: int, retry_after: Optional[float]) -> float:
    if retry_after is not None:
        return min(retry_after, 30.0)
    return min(0.2 * 2 ** (attempt - 1), 5.0) * (0.5 + random.random() / 2)
