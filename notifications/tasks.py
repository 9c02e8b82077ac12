"""Background work of broadcasts (django-tasks: immediate by default, the database worker in production).

Each task takes ids only (a database worker receives JSON) and is safe to run twice: see notifications.broadcasts.
"""

from django_tasks import task


@task()
def plan_broadcast(broadcast_id: int) -> int:
    """List the broadcast's recipients and queue one send task per batch; returns how many batches."""
    from . import broadcasts
    from .broadcast_models import Broadcast

    broadcast = Broadcast.objects.get(pk=broadcast_id)
    batches = broadcasts.plan(broadcast)
    for batch in batches:
        send_deliveries.enqueue(broadcast_id, batch)
    return len(batches)


@task()
def send_deliveries(broadcast_id: int, delivery_ids: list[int]) -> int:
    from . import broadcasts

    return broadcasts.send_batch(broadcast_id, delivery_ids)


def release_due_deliveries() -> int:
    """The periodic job: queue what waited (quiet hours, the daily cap, a failure, a task that died)."""
    from . import broadcasts

    batches = broadcasts.release_due()
    for broadcast_id, batch in batches:
        send_deliveries.enqueue(broadcast_id, batch)
    return sum(len(batch) for _broadcast, batch in batches)
