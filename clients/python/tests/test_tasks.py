import time

from conftest import in_an_hour

import pytest

from tasklane import NotFound


def test_a_submitted_webhook_delivery_completes_and_wait_returns_it(client, receiver, unique):
    task = client.submit("webhook-delivery", {"url": f"{receiver}/ok/{unique}", "body": {"n": 1}})

    assert task.id.startswith("webhook-delivery-")
    assert task.status in {"QUEUED", "RUNNING", "COMPLETED"}
    done = client.wait(task.id, timeout=60)
    assert done.status == "COMPLETED"
    assert done.result["statusCode"] == 200
    assert done.progress.percent == 100.0
    assert done.finished


def test_the_typed_endpoint_takes_the_payload_with_priority_and_run_at(client, receiver):
    task = client.submit_typed("webhook-delivery", {"url": f"{receiver}/typed"}, priority="HIGH",
                               run_at=in_an_hour())

    assert task.status == "SCHEDULED"
    assert task.priority == "HIGH"
    assert task.scheduled_for is not None
    client.cancel(task.id)


def test_a_repeated_idempotency_key_returns_the_first_task(client, receiver, unique):
    first = client.submit("webhook-delivery", {"url": f"{receiver}/once"}, run_at=in_an_hour(),
                          idempotency_key=f"order-{unique}")
    again = client.submit("webhook-delivery", {"url": f"{receiver}/once"}, run_at=in_an_hour(),
                          idempotency_key=f"order-{unique}")

    assert again.id == first.id
    client.cancel(first.id)


def test_listing_pages_through_every_task_once(client, receiver):
    ids = [client.submit("webhook-delivery", {"url": f"{receiver}/page"}, run_at=in_an_hour()).id for _ in range(3)]

    page = client.list(status="SCHEDULED", limit=2)
    assert len(page.items) == 2
    assert page.next_cursor
    listed = [task.id for task in client.iterate(status="SCHEDULED", page_size=2)]
    assert len(listed) == len(set(listed))
    assert set(ids) <= set(listed)
    for task_id in ids:
        client.cancel(task_id)


def test_a_cancelled_task_is_retried_as_a_new_task_and_deleted(client, receiver):
    task = client.submit("webhook-delivery", {"url": f"{receiver}/later"}, run_at=in_an_hour())

    client.cancel(task.id)
    cancelled = client.wait(task.id, timeout=30)
    assert cancelled.status == "CANCELLED"
    again = client.retry(task.id)
    assert again.id != task.id
    assert again.retry_of == task.id
    client.delete(task.id)
    with pytest.raises(NotFound):
        client.get(task.id)
    assert client.wait(again.id, timeout=30).status == "COMPLETED"


def test_export_returns_the_named_tasks(client, receiver):
    ids = [client.submit("webhook-delivery", {"url": f"{receiver}/export"}, run_at=in_an_hour()).id
           for _ in range(2)]

    exported = client.export(ids=ids)

    assert sorted(task.id for task in exported) == sorted(ids)
    for task_id in ids:
        client.cancel(task_id)


def test_a_batch_runs_its_items_as_children(client, receiver):
    batch = client.submit_batch([{"type": "webhook-delivery", "payload": {"url": f"{receiver}/b{i}"}}
                                 for i in range(3)], concurrency=2)

    assert len(batch["items"]) == 3
    done = client.wait(batch["batch"]["id"], timeout=90)
    assert done.status == "COMPLETED"


def test_a_scheduled_task_changes_priority(client, receiver):
    task = client.submit("webhook-delivery", {"url": f"{receiver}/later"}, run_at=in_an_hour(), priority="LOW")

    moved = client.change_priority(task.id, "HIGH")

    assert moved.priority == "HIGH"
    assert client.get(task.id).priority == "HIGH"
    client.cancel(task.id)


def test_a_document_for_review_answers_its_progress_query_and_goes_on_once_approved(client, unique):
    document = client.submit_document(text=f"Board minutes {unique}. The budget for next year was approved.",
                                      review="required")
    task_id = document["task"]["id"]
    deadline = time.monotonic() + 60
    while client.get(task_id).status != "AWAITING_APPROVAL":
        assert time.monotonic() < deadline, "the document never awaited approval"
        time.sleep(0.2)

    assert client.query(task_id, "progress")["step"] == "QUALITY_CHECK"
    outcome = client.update(task_id, "review", {"decision": "approve", "note": "from the Python client"})

    assert outcome["decision"] == "approve"
    assert client.wait(task_id, timeout=60).status == "COMPLETED"
