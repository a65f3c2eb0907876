"""What the API returns, as typed records read from its JSON (the API's field names, in snake case)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Dict, Generic, List, Mapping, Optional, TypeVar

FINISHED = frozenset({"COMPLETED", "FAILED", "CANCELLED", "TIMED_OUT"})
TERMINAL_EVENTS = frozenset({"task_completed", "task_failed", "task_cancelled"})

T = TypeVar("T")


def _instant(value: Any) -> Optional[datetime]:
    if not value:
        return None
    return datetime.fromisoformat(str(value).replace("Z", "+00:00"))


@dataclass(frozen=True)
class Progress:
    """How far a task has got."""

    percent: Optional[float] = None
    processed: Optional[int] = None
    total: Optional[int] = None
    message: Optional[str] = None
    step: Optional[str] = None
    steps_completed: List[str] = field(default_factory=list)
    eta_seconds: Optional[float] = None

    @staticmethod
    def of(json: Optional[Mapping[str, Any]]) -> Optional["Progress"]:
        if json is None:
            return None
        return Progress(json.get("percent"), json.get("processed"), json.get("total"), json.get("message"),
                        json.get("step"), list(json.get("stepsCompleted") or []), json.get("etaSeconds"))


@dataclass(frozen=True)
class TaskFailure:
    """Why a task failed."""

    type: str
    message: str
    retryable: bool


@dataclass(frozen=True)
class Task:
    """A task as the API shows it."""

    id: str
    type: str
    status: str
    priority: str
    progress: Optional[Progress]
    attempt: int
    created_at: Optional[datetime]
    scheduled_for: Optional[datetime]
    started_at: Optional[datetime]
    completed_at: Optional[datetime]
    payload: Any
    result: Any
    error: Optional[TaskFailure]
    retry_of: Optional[str]
    idempotency_key: Optional[str]
    schedule_id: Optional[str]
    links: Dict[str, str]

    @property
    def finished(self) -> bool:
        """Whether the task has ended: completed, failed, cancelled or timed out."""
        return self.status in FINISHED

    @staticmethod
    def of(json: Mapping[str, Any]) -> "Task":
        error = json.get("error")
        return Task(json["id"], json["type"], json["status"], json.get("priority", "NORMAL"),
                    Progress.of(json.get("progress")), int(json.get("attempt") or 0), _instant(json.get("createdAt")),
                    _instant(json.get("scheduledFor")), _instant(json.get("startedAt")),
                    _instant(json.get("completedAt")), json.get("payload"), json.get("result"),
                    TaskFailure(error.get("type", ""), error.get("message", ""), bool(error.get("retryable")))
                    if error else None,
                    json.get("retryOf"), json.get("idempotencyKey"), json.get("scheduleId"),
                    dict(json.get("links") or {}))


@dataclass(frozen=True)
class Event:
    """One event of a task: its durable id (to resume after), its name, and the task's state at that moment."""

    id: Optional[int]
    event: str
    task_id: str
    type: str
    at: Optional[datetime]
    status: str
    progress: Optional[Progress]
    message: Optional[str]
    data: Any

    @property
    def terminal(self) -> bool:
        """Whether this is the task's last event."""
        return self.event in TERMINAL_EVENTS

    @staticmethod
    def of(event_id: Optional[int], name: str, json: Mapping[str, Any]) -> "Event":
        return Event(event_id, name, json.get("taskId", ""), json.get("type", ""), _instant(json.get("at")),
                     json.get("status", ""), Progress.of(json.get("progress")), json.get("message"), json.get("data"))


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a listing, and the cursor of the next (None on the last)."""

    items: List[T]
    next_cursor: Optional[str]


@dataclass(frozen=True)
class Notification:
    """Something that happened to one of your tasks."""

    id: int
    task_id: str
    task_type: str
    status: str
    message: Optional[str]
    created_at: Optional[datetime]
    read_at: Optional[datetime]

    @staticmethod
    def of(json: Mapping[str, Any]) -> "Notification":
        return Notification(int(json["id"]), json["taskId"], json["taskType"], json["status"], json.get("message"),
                            _instant(json.get("createdAt")), _instant(json.get("readAt")))
