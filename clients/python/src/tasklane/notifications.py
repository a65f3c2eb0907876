"""Polls your notifications in the background and hands each new one to your callbacks."""

from __future__ import annotations

import logging
import threading
from typing import Callable, List, Optional, Set

from .client import Tasklane
from .models import Notification

log = logging.getLogger("tasklane")

Callback = Callable[[Notification], None]


class NotificationPoller:
    """Every ``interval`` seconds, reads your unread notifications and calls each callback once per new one, oldest
    first, then marks it read (unless ``mark_read`` is False). A failing callback or poll is logged and polling goes
    on. Use it as a context manager, or call :meth:`start` and :meth:`stop`."""

    def __init__(self, client: Tasklane, *callbacks: Callback, interval: float = 2.0, mark_read: bool = True) -> None:
        self.client = client
        self.callbacks: List[Callback] = list(callbacks)
        self.interval = interval
        self.mark_read = mark_read
        self._seen: Set[int] = set()
        self._stopped = threading.Event()
        self._thread: Optional[threading.Thread] = None

    def on_notification(self, callback: Callback) -> Callback:
        """Adds a callback; usable as a decorator."""
        self.callbacks.append(callback)
        return callback

    def poll_once(self) -> List[Notification]:
        """Reads the unread notifications once and hands the new ones to the callbacks; returns them."""
        fresh = [n for n in reversed(self.client.notifications(unread_only=True, limit=100).items)
                 if n.id not in self._seen]
        for notification in fresh:
            self._seen.add(notification.id)
            for callback in self.callbacks:
                try:
                    callback(notification)
                except Exception:  # a callback's fault must not stop the others or the polling
                    log.exception("notification callback failed for notification %s", notification.id)
            if self.mark_read:
                self.client.mark_read(notification.id)
        return fresh

    def start(self) -> "NotificationPoller":
        if self._thread is None:
            self._stopped.clear()
            self._thread = threading.Thread(target=self._run, name="tasklane-notifications", daemon=True)
            self._thread.start()
        return self

    def stop(self, timeout: Optional[float] = None) -> None:
        self._stopped.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def __enter__(self) -> "NotificationPoller":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _run(self) -> None:
        while not self._stopped.is_set():
            try:
                self.poll_once()
            except Exception:
                log.exception("polling notifications failed; trying again in %s s", self.interval)
            self._stopped.wait(self.interval)
