"""One urgent notice broadcast to a village of 3,000 verified residents, through the production path.

Each backend gets its own temporary database (a SQLite file; a PostgreSQL database on 127.0.0.1:5432, user
postgres), migrated. The residents are bulk-created (users and Resident rows written directly): every one has the
inbox, 60 % an e-mail address, 30 % asked for text messages, 10 % have quiet hours (the notice is urgent: they are
reached anyway), and 200 more are on the register with a mobile number only (no login: a text message). Then an
urgent notice is published through Wagtail (the page_published signal announces it), the database task backend
queues the work, and `db_worker --batch` runs it to the end, as the production worker would. The text-message
sender is a null adapter and e-mail the dummy back end: the figures are the portal's own work.

Counted: wall time (publish; worker), tasks queued (django-tasks' result rows), every query by verb and table
(an execute wrapper on the connection), deliveries per channel and status. Prints figures; asserts nothing.

    .venv/bin/python bench/broadcast.py [--residents 3000] [--only sqlite|postgres]
"""

import argparse
import collections
import os
import re
import subprocess
import sys
import tempfile
import time
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_NAME = "vc_deliveries_bench"  # this helper's own database name (dropped at the end)
OFFICE_ONLY = 200
TABLE = re.compile(
    r'^\s*(INSERT(?: OR IGNORE)? INTO|UPDATE|DELETE FROM|SELECT .*? FROM)\s+"?([a-z_]+)"?', re.IGNORECASE | re.DOTALL
)


class NullSms:
    """RESIDENTS_SMS_SENDER for the bench: accepts every text at once."""

    sent = 0

    def send(self, phone: str, message: str) -> None:
        NullSms.sent += 1


class QueryCounter:
    """connection.execute_wrapper: counts each statement by its verb and first table."""

    def __init__(self) -> None:
        self.by_kind: collections.Counter = collections.Counter()

    def __call__(self, execute, sql, params, many, context):
        found = TABLE.match(sql)
        if found:
            verb = found.group(1).split()[0].upper()
            self.by_kind[(verb, found.group(2))] += len(params) if many and verb == "INSERT" else 1
        else:
            self.by_kind[(sql.split()[0].upper() if sql.split() else "?", "")] += 1
        return execute(sql, params, many, context)

    def summary(self) -> str:
        verbs = collections.Counter()
        for (verb, _table), n in self.by_kind.items():
            verbs[verb] += n
        writes = {k: n for k, n in self.by_kind.items() if k[0] in ("INSERT", "UPDATE", "DELETE")}
        top = sorted(writes.items(), key=lambda item: -item[1])[:8]
        return (
            "  queries by verb: " + ", ".join(f"{verb} {n}" for verb, n in verbs.most_common()) + "\n"
            "  writes by table: " + ", ".join(f"{verb} {table} {n}" for (verb, table), n in top)
        )


def _residents(village, count: int) -> None:
    import datetime

    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from residents.models import Resident

    User = get_user_model()
    users = User.objects.bulk_create(
        [User(username=f"bench{n}", password=make_password(None), email=f"r{n}@example.org" if n % 10 < 6 else "")
         for n in range(count)],
        batch_size=1000,
    )  # fmt: skip
    now = timezone.now()
    rows = [
        Resident(
            user=user, village=village, display_name=f"村民{n}", real_name=f"村民{n}", verification="verified",
            verified_at=now, phone=f"+86139{n:08d}" if n % 10 < 3 else "", notify_by_sms=n % 10 < 3,
            quiet_from=datetime.time(22, 0) if n % 10 == 9 else None,
            quiet_until=datetime.time(7, 0) if n % 10 == 9 else None,
        )
        for n, user in enumerate(users)
    ]  # fmt: skip
    rows += [
        Resident(village=village, real_name=f"登记{n}", display_name="", verification="verified", verified_at=now,
                 phone=f"+86137{n:08d}", source=Resident.Source.COUNTER)
        for n in range(OFFICE_ONLY)
    ]  # fmt: skip
    Resident.objects.bulk_create(rows, batch_size=1000)


def child(name: str, count: int) -> None:
    """Runs inside a process whose DATABASE_URL points at the temporary database."""
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    import django
    from django.conf import settings

    django.setup()
    from django.test.utils import override_settings

    # Through override_settings: django-tasks builds its backends from TASKS once, and resets them on this signal.
    override_settings(
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
        RESIDENTS_SMS_SENDER="bench.broadcast.NullSms",
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
    ).enable()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult
    from wagtail.models import Locale

    from home.models import Village, VillagePage
    from notices.models import NoticeCategory, NoticeIndexPage, NoticePage
    from notifications.models import Broadcast, Delivery, Notification

    call_command("migrate", verbosity=0)
    from wagtail_localize.models import LocaleSynchronization

    LocaleSynchronization.objects.all().delete()  # one language tree is enough here
    village = Village.objects.create(
        code="bench", name="测试村", township="柳溪镇", adult_villagers=3000, households=900, representatives=45
    )
    started = time.perf_counter()
    _residents(village, count - OFFICE_ONLY)
    made = time.perf_counter() - started
    village_page = VillagePage.objects.get(village=village, locale=Locale.get_default())
    index = NoticeIndexPage.objects.child_of(village_page).get()
    notice = NoticePage(title="紧急通知：明日全村停水", slug="tingshui", date=timezone.localdate(), urgent=True,
                        category=NoticeCategory.objects.get(slug="other"))  # fmt: skip
    index.add_child(instance=notice)
    revision = notice.save_revision()

    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        started = time.perf_counter()
        revision.publish()
        published = time.perf_counter() - started
        queued_at_publish = DBTaskResult.objects.count()
        started = time.perf_counter()
        call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
        worked = time.perf_counter() - started
    broadcast = Broadcast.objects.get()
    statuses = collections.Counter(
        {(row["channel"], row["status"]): row["n"] for row in
         Delivery.objects.filter(broadcast=broadcast).values("channel", "status").annotate(n=Count("pk"))}
    )  # fmt: skip
    tasks = DBTaskResult.objects.values("status").annotate(n=Count("pk"))
    by_task = DBTaskResult.objects.values("task_path").annotate(n=Count("pk")).order_by("-n")
    per_channel = ", ".join(
        f"{channel} {sum(n for (c, _s), n in statuses.items() if c == channel)}" for channel in Delivery.Channel.values
    )
    print(
        f"{name}: {count} verified residents ({count - OFFICE_ONLY} with a login, {OFFICE_ONLY} register-only), "
        f"bulk-created in {made:.1f} s; eligible {broadcast.eligible}, no channel {broadcast.unreachable}\n"
        f"  publish (signal, announce, plan queued): {published:.2f} s, {queued_at_publish} task(s) queued\n"
        f"  worker to the end: {worked:.2f} s; tasks: "
        + ", ".join(f"{row['status'].lower()} {row['n']}" for row in tasks)
        + f" (batch size {getattr(settings, 'BROADCASTS_BATCH_SIZE', 200)}): "
        + ", ".join(f"{row['task_path'].rsplit('.', 1)[-1]} {row['n']}" for row in by_task)
        + "\n"
        f"  deliveries per channel: {per_channel}; by status: "
        + ", ".join(f"{s} {sum(n for (_c, st), n in statuses.items() if st == s)}" for s in Delivery.Status.values)
        + f"\n  inbox notifications written {Notification.objects.count()}, texts to the null sender "
        f"{import_module('bench.broadcast').NullSms.sent}\n"
        + counter.summary()
    )  # fmt: skip


def _run_child(kind: str, url: str, count: int) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    command = [sys.executable, __file__, "--child", kind, "--residents", str(count)]
    subprocess.run(command, env={**env, "DATABASE_URL": url}, check=True)  # noqa: S603 our own script


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--residents", type=int, default=3000)
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    parser.add_argument("--child", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.residents)
        return
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.only in (None, "sqlite"):
        with tempfile.TemporaryDirectory() as folder:
            _run_child("sqlite", f"sqlite:///{folder}/bench.sqlite3", args.residents)
    if args.only in (None, "postgres"):
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{PG_NAME}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{PG_NAME}"')
        try:
            _run_child("postgres", f"postgresql://postgres@127.0.0.1:5432/{PG_NAME}", args.residents)
        finally:
            with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{PG_NAME}" WITH (FORCE)')
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
