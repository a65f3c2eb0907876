import threading

from tasklane import NotificationPoller


def test_the_poller_hands_each_new_notification_to_every_callback_once(client, receiver, unique):
    got = []
    arrived = threading.Event()
    task = client.submit("webhook-delivery", {"url": f"{receiver}/notify/{unique}"})

    def failing(notification):
        raise RuntimeError("a callback's fault")

    def collect(notification):
        got.append(notification)
        if notification.task_id == task.id:
            arrived.set()

    with NotificationPoller(client, failing, collect, interval=0.2):
        client.wait(task.id, timeout=60)
        assert arrived.wait(15)

    mine = [n for n in got if n.task_id == task.id]
    assert len(mine) == 1
    assert mine[0].status == "COMPLETED"
    assert mine[0].task_type == "webhook-delivery"
    assert all(n.id != mine[0].id for n in client.notifications(unread_only=True).items)
