"""The errors the client raises: a problem the API answered, typed by its status, or a wait that ran out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Optional


@dataclass(frozen=True)
class FieldError:
    """One field the API found at fault, and what to change."""

    field: str
    message: str


class TasklaneError(Exception):
    """Anything the client raises."""


class ProblemError(TasklaneError):
    """An RFC 9457 problem the API answered with: its type, title, status, detail and the fields at fault."""

    def __init__(self, status: int, type: str, title: str, detail: str, errors: List[FieldError],
                 retry_after: Optional[float] = None) -> None:
        super().__init__(f"{status} {title}: {detail}")
        self.status = status
        self.type = type
        self.title = title
        self.detail = detail
        self.errors = errors
        self.retry_after = retry_after

    @property
    def field_errors(self) -> Dict[str, str]:
        """The faults by field name."""
        return {error.field: error.message for error in self.errors}


class InvalidRequest(ProblemError):
    """400: a parameter, header or body field is wrong; ``errors`` names each."""


class Unauthorized(ProblemError):
    """401: no valid token."""


class Forbidden(ProblemError):
    """403: the token's role or tenant may not do this."""


class NotFound(ProblemError):
    """404: no such task, schedule or document is visible to the caller."""


class Conflict(ProblemError):
    """409: the current state does not allow this."""


class QuotaExceeded(ProblemError):
    """429: a quota or rate limit was reached; ``retry_after`` says when to try again."""


class Unavailable(ProblemError):
    """503: Temporal or the task store is unavailable."""


class WaitTimeout(TasklaneError, TimeoutError):
    """A task did not end within the time given to wait for it."""


_BY_STATUS = {400: InvalidRequest, 401: Unauthorized, 403: Forbidden, 404: NotFound, 409: Conflict,
              429: QuotaExceeded, 503: Unavailable}


def problem_from(status: int, body: Any, retry_after: Optional[float]) -> ProblemError:
    """The typed error for an error response: its problem document if it has one, else what its status says."""
    problem = body if isinstance(body, dict) else {}
    errors = [FieldError(str(e.get("field", "")), str(e.get("message", "")))
              for e in problem.get("errors") or [] if isinstance(e, dict)]
    kind = _BY_STATUS.get(status, ProblemError)
    return kind(status, str(problem.get("type", "about:blank")), str(problem.get("title", f"HTTP {status}")),
                str(problem.get("detail", "")), errors, retry_after)
