"""The live Tasklane the tests run against (TASKLANE_URL, TASKLANE_TOKEN) and the receiver its webhooks call
(TASKLANE_TEST_RECEIVER: answers 200); the test that runs pytest (ClientLibrariesIT) starts both on loopback."""

import os
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from tasklane import Tasklane


@pytest.fixture
def client():
    with Tasklane() as tasklane:
        yield tasklane


@pytest.fixture
def receiver():
    return os.environ["TASKLANE_TEST_RECEIVER"].rstrip("/")


@pytest.fixture
def unique():
    return uuid.uuid4().hex[:12]


def in_an_hour() -> str:
    return (datetime.now(timezone.utc) + timedelta(hours=1)).isoformat().replace("+00:00", "Z")
