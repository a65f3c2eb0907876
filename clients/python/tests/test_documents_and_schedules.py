def test_a_document_is_processed_into_chunks_and_deleted(client, unique):
    text = f"Invoice {unique}. " + "The customer owes the amount due within thirty days. " * 40

    document = client.submit_document(text=text, name=f"invoice-{unique}.txt", chunk_size=500)

    done = client.wait(document["task"]["id"], timeout=120)
    assert done.status == "COMPLETED"
    assert client.get_document(document["id"])["id"] == document["id"]
    chunks = client.document_chunks(document["id"], limit=5)
    assert chunks["total"] >= 2
    assert chunks["items"][0]["documentId"] == document["id"]
    client.delete_document(document["id"])


def test_a_schedule_is_created_paused_triggered_and_deleted(client, receiver, unique):
    name = f"nightly-{unique}"

    created = client.create_schedule(name, "0 3 * * *", "webhook-delivery", {"url": f"{receiver}/nightly"})

    assert created["name"] == name
    assert client.get_schedule(name)["cron"] == "0 3 * * *"
    assert client.pause_schedule(name, note="quiet week")["enabled"] is False
    task = client.trigger_schedule(name)
    assert task.schedule_id
    assert client.wait(task.id, timeout=60).status == "COMPLETED"
    assert name in [schedule["name"] for schedule in client.list_schedules()]
    client.delete_schedule(name)
    assert name not in [schedule["name"] for schedule in client.list_schedules()]
