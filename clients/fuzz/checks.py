"""What the API fuzz adds to Schemathesis: loaded as SCHEMATHESIS_HOOKS=checks.

A check that every error is a problem, and a hook that points every URL a generated body names at the receiver
the test runs on loopback (TASKLANE_FUZZ_RECEIVER), so submissions are accepted and their tasks run and call it.
"""

import os

import schemathesis

PROBLEM_FIELDS = {"type", "title", "status", "detail"}
URL_FIELDS = {"url", "callbackUrl", "webhookUrl", "sourceUrl"}
RECEIVER = os.environ["TASKLANE_FUZZ_RECEIVER"]


@schemathesis.check
def errors_are_problems(ctx, response, case):
    """Every 4xx and 5xx is an RFC 9457 problem: application/problem+json with type, title, status and detail."""
    if response.status_code < 400:
        return None
    content_type = response.headers.get("content-type", [""])[0]
    if not content_type.startswith("application/problem+json"):
        raise AssertionError(f"{response.status_code} answered as {content_type or 'no content type'}, "
                             "not application/problem+json")
    problem = response.json()
    missing = PROBLEM_FIELDS - set(problem)
    if missing:
        raise AssertionError(f"the problem lacks {sorted(missing)}: {problem}")
    if problem["status"] != response.status_code:
        raise AssertionError(f"the problem says status {problem['status']}, the response {response.status_code}")
    return None


@schemathesis.hook
def map_body(ctx, body):
    """Replaces each string a URL field holds, at any depth, with the receiver's URL; other values stay."""
    return _to_receiver(body)


def _to_receiver(value):
    if isinstance(value, dict):
        return {key: RECEIVER if key in URL_FIELDS and isinstance(item, str) else _to_receiver(item)
                for key, item in value.items()}
    if isinstance(value, list):
        return [_to_receiver(item) for item in value]
    return value
