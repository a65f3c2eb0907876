from tasklane import parse_events


def test_a_finished_tasks_events_replay_to_its_terminal_event_and_resume_after_an_id(client, receiver, unique):
    task = client.submit("webhook-delivery", {"url": f"{receiver}/events/{unique}"})
    client.wait(task.id, timeout=60)

    events = list(client.events(task.id))

    assert events[0].event == "task_started"
    assert events[-1].event == "task_completed"
    assert events[-1].terminal
    ids = [event.id for event in events]
    assert ids == sorted(ids)
    assert all(event.task_id == task.id for event in events)
    rest = list(client.events(task.id, last_event_id=events[0].id))
    assert [event.id for event in rest] == ids[1:]
    assert [event.id for event in client.log(task.id)] == ids


def test_live_events_follow_a_running_task_to_its_end(client, receiver, unique):
    task = client.submit("webhook-delivery", {"url": f"{receiver}/live/{unique}"})

    names = [event.event for event in client.events(task.id)]

    assert names[-1] == "task_completed"


def test_server_sent_events_are_parsed_by_blocks():
    lines = [": comment", "id: 7", "event: progress_update", 'data: {"taskId":"t-1","status":"RUNNING",',
             'data: "progress":{"percent":50.0}}', "", "id: 8", "event: task_completed",
             'data: {"taskId":"t-1","status":"COMPLETED"}', ""]

    events = list(parse_events(iter(lines)))

    assert [(e.id, e.event, e.status) for e in events] == [(7, "progress_update", "RUNNING"),
                                                            (8, "task_completed", "COMPLETED")]
    assert events[0].progress.percent == 50.0
