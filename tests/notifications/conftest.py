import datetime
import io
import itertools
import zoneinfo

import pytest
from django.core.management import call_command

from notifications.models import Broadcast
from residents.models import Resident

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
_numbers = itertools.count(1)


class FakeSms:
    """The pluggable sender (RESIDENTS_SMS_SENDER) in the tests: records (phone, text) in `sent`; dies after
    `die_after` sends like a killed worker; refuses the numbers in `fail_for` like a provider."""

    sent: list[tuple[str, str]] = []
    die_after: int | None = None
    fail_for: frozenset = frozenset()

    def send(self, phone: str, message: str) -> None:
        if FakeSms.die_after is not None and len(FakeSms.sent) >= FakeSms.die_after:
            raise WorkerKilled
        if phone in FakeSms.fail_for:
            raise RuntimeError("provider refused the number")
        FakeSms.sent.append((phone, message))


@pytest.fixture
def sms(settings):
    settings.RESIDENTS_SMS_SENDER = "tests.notifications.conftest.FakeSms"
    FakeSms.sent, FakeSms.die_after, FakeSms.fail_for = [], None, frozenset()
    yield FakeSms
    FakeSms.sent, FakeSms.die_after, FakeSms.fail_for = [], None, frozenset()


class WorkerKilled(BaseException):
    """What a SIGKILL looks like from inside: nothing catches it (not an Exception), the transaction rolls back."""


def at(moment: datetime.datetime):
    import time_machine

    return time_machine.travel(moment, tick=False)


@pytest.fixture
def make_resident(village_page, make_user):
    def make(*, login=True, email="", verified=True, village=None, phone="", **fields) -> Resident:
        number = next(_numbers)
        user = make_user(f"b{number}", email=email) if login else None
        return Resident.objects.create(
            user=user, village=village or village_page.village, display_name=f"村民{number}", phone=phone,
            verification=Resident.Verification.VERIFIED if verified else Resident.Verification.UNVERIFIED, **fields,
        )  # fmt: skip

    return make


@pytest.fixture
def broadcast(village_page) -> Broadcast:
    return Broadcast.objects.create(
        village=village_page.village, kind=Broadcast.Kind.URGENT_NOTICE, event="notice:test", title="停水通知",
        message="Urgent notice from %(village)s: %(title)s", params={"village": "东山村", "title": "停水通知"},
        url="/n/abc", urgent=False,
    )  # fmt: skip


def run_periodic() -> None:
    call_command("run_periodic_jobs", stdout=io.StringIO())
