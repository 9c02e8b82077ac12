"""Scheduled work, as django-tasks so that a worker can run it; cron can call the management command instead."""

from django_tasks import task


@task()
def close_unrated_requests() -> int:
    from .services import close_unrated

    return close_unrated()
