"""`make worker`: with the production task backend a task waits in the database until db_worker runs it."""

import pytest
from django.core import mail
from django.core.management import call_command

from council.tasks import mail_resident

pytestmark = [
    # The worker claims tasks in its own transactions (BEGIN EXCLUSIVE on SQLite): the test commits for real,
    # and serialized_rollback keeps the data migrations' rows for the tests after it.
    pytest.mark.transactional,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_database_backend_queues_and_db_worker_runs(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    mail_resident.enqueue("resident@example.org", "您的提案", "理事会已受理")
    assert DBTaskResult.objects.count() == 1
    assert mail.outbox == []  # not run yet: only the worker runs it
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert [m.subject for m in mail.outbox] == ["您的提案"]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
