"""Tasklane's Python client: submit durable background tasks, follow them, and act on them."""

from .client import Tasklane, parse_events
from .errors import (Conflict, FieldError, Forbidden, InvalidRequest, NotFound, ProblemError, QuotaExceeded,
                     TasklaneError, Unauthorized, Unavailable, WaitTimeout)
from .models import Event, Notification, Page, Progress, Task, TaskFailure
from .notifications import NotificationPoller

__all__ = ["Tasklane", "parse_events", "NotificationPoller", "Task", "TaskFailure", "Progress", "Event", "Page",
           "Notification", "TasklaneError", "ProblemError", "FieldError", "InvalidRequest", "Unauthorized",
           "Forbidden", "NotFound", "Conflict", "QuotaExceeded", "Unavailable", "WaitTimeout"]
