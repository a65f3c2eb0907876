import logging
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from conftest import in_an_hour

from tasklane import (InvalidRequest, NotFound, ProblemError, Tasklane, Unauthorized, Unavailable,
                      WaitTimeout)


def test_an_invalid_submission_is_an_invalid_request_naming_each_field(client):
    with pytest.raises(InvalidRequest) as raised:
        client.submit("webhook-delivery", {"url": "ftp://nowhere/", "method": "GET"})

    problem = raised.value
    assert problem.status == 400
    assert problem.type.startswith("urn:tasklane:problem:")
    assert "payload.url" in problem.field_errors
    assert "payload.method" in problem.field_errors


def test_an_unknown_task_is_not_found(client):
    with pytest.raises(NotFound):
        client.get("webhook-delivery-nope")


def test_a_bad_token_is_unauthorized():
    with Tasklane(token="not-a-token") as stranger:
        with pytest.raises(Unauthorized):
            stranger.list()


def test_without_a_token_the_client_says_how_to_give_one(monkeypatch):
    monkeypatch.delenv("TASKLANE_TOKEN")

    with pytest.raises(ValueError, match="TASKLANE_TOKEN"):
        Tasklane()


def test_waiting_past_the_timeout_raises(client, receiver):
    task = client.submit("webhook-delivery", {"url": f"{receiver}/never"}, run_at=in_an_hour())

    started = time.monotonic()
    with pytest.raises(WaitTimeout):
        client.wait(task.id, timeout=1.5)
    assert time.monotonic() - started < 10
    client.cancel(task.id)


def test_the_token_never_reaches_the_log(client, receiver, caplog):
    caplog.set_level(logging.DEBUG)

    client.submit("webhook-delivery", {"url": f"{receiver}/log"}, run_at=in_an_hour())
    with pytest.raises(NotFound):
        client.get("webhook-delivery-nope")

    assert "POST /api/tasks -> 202" in caplog.text
    assert os.environ["TASKLANE_TOKEN"] not in caplog.text


class _Flaky(BaseHTTPRequestHandler):
    """Answers 503 (Retry-After: 0) to the first two requests of each path, then 200 with a task."""

    seen = {}

    def _answer(self):
        count = _Flaky.seen.get(self.path, 0) + 1
        _Flaky.seen[self.path] = count
        if count <= 2:
            body = b'{"type":"urn:tasklane:problem:temporal-unavailable","title":"Temporal unavailable",' \
                   b'"status":503,"detail":"try again"}'
            self.send_response(503)
            self.send_header("Content-Type", "application/problem+json")
            self.send_header("Retry-After", "0")
        else:
            body = b'{"id":"webhook-delivery-1","type":"webhook-delivery","status":"QUEUED","attempt":0}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = _answer
    do_POST = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def flaky():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Flaky)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Flaky.seen = {}
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_reads_are_retried_on_503_and_other_calls_are_not(flaky):
    with Tasklane(flaky, token="t") as client:
        assert client.get("webhook-delivery-1").status == "QUEUED"
        assert _Flaky.seen["/api/tasks/webhook-delivery-1"] == 3

        with pytest.raises(Unavailable) as raised:
            client.cancel("webhook-delivery-1")
        assert _Flaky.seen["/api/tasks/webhook-delivery-1/cancel"] == 1
        assert isinstance(raised.value, ProblemError) and raised.value.retry_after == 0.0


def test_submissions_carry_an_idempotency_key_and_so_are_retried(flaky):
    with Tasklane(flaky, token="t") as client:
        assert client.submit("webhook-delivery", {"url": "http://127.0.0.1:1/"}).id == "webhook-delivery-1"
        assert _Flaky.seen["/api/tasks"] == 3
