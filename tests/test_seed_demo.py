"""seed_demo builds the demo county, can run twice, and shows every feature.

Seeding costs several CPU seconds, so this module seeds once (and a second time, to prove it is safe) inside
the module's transaction (tests/conftest.py module_transaction); each test reads that county.
"""

import contextlib
import datetime
import io
import re

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test.utils import override_settings
from wagtail.models import Locale, Page

from consultations.models import FollowUp, Proposal
from grid import workflow as wf
from grid.models import Grid, MediationCase, ResidentRequest
from home.models import Village, VillagePage
from home.welcome import demo_accounts, more_accounts, welcome_lines
from notices.calendar import calendar_rows
from notices.models import NoticePage
from notifications.models import Broadcast, Delivery, Follow, Notification
from residents.models import Resident

pytestmark = pytest.mark.slow

COUNTED = (Village, Page, NoticePage, Resident, Notification, FollowUp, Follow, Grid, ResidentRequest, MediationCase,
           Broadcast, Delivery)  # fmt: skip


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


ADDRESS = "http://127.0.0.1:8000/"
MAIL_HEADERS = re.compile(r"^(Subject|From|To|Content-Type|MIME-Version|Message-ID):", re.MULTILINE)


@pytest.fixture(scope="module")
def first_seed(module_transaction, tmp_path_factory) -> tuple[str, object]:
    """The first seed's terminal: its own output and whatever else reached sys.stdout, with the development
    default e-mail back end (the console, which prints every e-mail whole); and where the e-mails went."""
    mail_dir = tmp_path_factory.mktemp("demo-mail")
    terminal = io.StringIO()
    console = override_settings(EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend")
    with console, contextlib.redirect_stdout(terminal):
        call_command("seed_demo", "--mail-dir", str(mail_dir), "--address", ADDRESS, stdout=terminal)
    return terminal.getvalue(), mail_dir


@pytest.fixture(scope="module")
def first_seed_counts(first_seed, tmp_path_factory) -> dict[str, int]:
    """Seed twice; the row counts after the first run (the tests compare them with the second)."""
    counts = _counts()
    call_command("seed_demo", "--mail-dir", str(tmp_path_factory.mktemp("again")), stdout=io.StringIO())
    return counts


def test_seeding_prints_no_email_and_sums_them_up_in_one_line(db, first_seed):
    terminal, mail_dir = first_seed
    assert not MAIL_HEADERS.search(terminal), terminal
    (sent,) = re.findall(r"^  e-mails: (\d+) to demo accounts, written to .+ \(not sent\)$", terminal, re.MULTILINE)
    written = "".join(path.read_text(encoding="utf-8") for path in mail_dir.iterdir())
    assert int(sent) > 0 and int(sent) == len(re.findall(r"^Message-ID:", written, re.MULTILINE))


def test_seeding_ends_with_the_address_and_demo_accounts_that_sign_in(db, first_seed_counts, first_seed):
    terminal, _mail_dir = first_seed
    assert terminal.rstrip("\n").splitlines()[-len(welcome_lines(ADDRESS)) :] == welcome_lines(ADDRESS)
    accounts = [account for account, _who, _where in demo_accounts()] + more_accounts()
    for account in accounts:
        assert authenticate(username=account, password="changeme") is not None, account


def test_seed_demo_is_idempotent(db, first_seed_counts):
    assert _counts() == first_seed_counts
    assert first_seed_counts["Village"] >= 3


def test_county_villages_and_accounts(db, first_seed_counts):
    villages = Village.objects.count()
    assert all(village.committee_group_id for village in Village.objects.all())
    assert VillagePage.objects.filter(locale__language_code="zh-hans").count() == villages

    assert authenticate(username="admin", password="changeme").is_superuser
    resident = authenticate(username="resident", password="changeme").resident
    assert resident.is_verified and resident.village == Village.objects.order_by("pk").first()
    assert not authenticate(username="newcomer", password="changeme").resident.is_verified
    for village in Village.objects.all():
        committee = authenticate(username=f"committee-{village.code}", password="changeme")
        assert committee is not None and village.committee_group in committee.groups.all()


def test_notifications_follow_up_and_a_photo(db, first_seed_counts):
    assert Notification.objects.filter(recipient__username="resident").count() >= 3
    assert FollowUp.objects.filter(proposal__isnull=False).exists() and FollowUp.objects.filter(proposal=None).exists()
    assert Proposal.objects.filter(photo__isnull=False, author__user__username="resident").exists()


def test_a_year_of_finance_notices_quarterly_and_urgent(db, first_seed_counts):
    dongshan = NoticePage.objects.filter(locale=Locale.get_default(), url_path__contains="/dongshan/")
    monthly = dongshan.filter(period_kind="month", category__is_financial=True)
    # 2026-11 is the one the supervision committee reviewed before publication (supervision.demo, 民主理财).
    expected = {"2025-11", "2025-12"} | {f"2026-{month:02d}" for month in range(1, 12)}
    assert sorted(notice.period for notice in monthly) == sorted(expected)
    assert all(any(block.block_type == "finance" for block in notice.body) for notice in monthly)
    assert dongshan.filter(period_kind="quarter").exists()
    assert dongshan.filter(urgent=True).count() == 1
    assert any(block.block_type == "people" for notice in dongshan for block in notice.body)

    (row,) = calendar_rows([Village.objects.get(code="dongshan")], datetime.date(2026, 11, 26))
    assert row.finance.published and row.general.published and not row.overdue


def test_two_grids_per_village_requests_in_every_state_and_a_mediation(db, first_seed_counts):
    assert 250 <= ResidentRequest.objects.count() <= 400
    for village in Village.objects.all():
        assert Grid.objects.filter(village=village).count() == 2
    assert set(ResidentRequest.objects.values_list("status", flat=True)) == {s for s, _label in wf.STATUS_CHOICES}
    assert ResidentRequest.objects.overdue().exists()
    assert ResidentRequest.objects.filter(reopen_count=1).exists()
    case = MediationCase.objects.get()
    assert case.parties.count() == 2 and case.sessions.count() == 2


def test_a_printable_notice_with_its_qr_code_and_links(db, first_seed_counts, client):
    from notices.demo import noticeboard_sheet

    sheet = noticeboard_sheet()
    html = client.get(sheet).content.decode()
    assert '<svg viewBox="0 0' in html and "张贴期限：至少5天，自2026-11-18至2026-12-10" in html
    notice = NoticePage.objects.get(
        locale=Locale.get_default(), slug="rules-revision-consultation", url_path__contains="/dongshan/"
    )
    page = client.get(notice.url).content.decode()
    assert f'href="{sheet}"' in page and "打印张贴版" in page and "短链接" in page


def test_a_met_demand_for_a_meeting_and_an_open_one(db, first_seed_counts):
    from council.models import MeetingDemand

    demands = MeetingDemand.objects.filter(village__code="dongshan")
    met = demands.get(met_at__isnull=False)
    assert met.meeting is not None and met.meeting.called_by == "reps_fifth"
    assert met.count() == met.threshold and met.signatures.filter(channel="paper", entered_by__isnull=False).exists()
    open_demand = demands.get(met_at__isnull=True)
    assert 0 < open_demand.count() < open_demand.threshold


def test_a_broadcast_with_its_delivery_report(db, first_seed_counts, client):
    from django.utils import timezone

    from notifications.demo import EVENT, REFUSED_PHONE

    broadcast = Broadcast.objects.get(event=EVENT, village__code="dongshan")
    rows = {(d.resident.user.username if d.resident.user_id else d.resident.phone, d.channel): d
            for d in broadcast.deliveries.select_related("resident__user")}  # fmt: skip
    assert rows[("resident", "inbox")].status == rows[("resident", "email")].status == "sent"
    waiting = rows[("representative", "email")]
    assert waiting.status == "deferred" and timezone.localtime(waiting.not_before).hour == 7
    refused = rows[(REFUSED_PHONE, "sms")]
    assert refused.status == "failed" and "号码已停机" in refused.reason
    # Every resident verified when it was sent has a delivery or is counted as having no channel (seeders after
    # it, the democratic evaluation's voters among them, verify more residents of 东山村).
    reached = broadcast.deliveries.values("resident").distinct().count()
    assert broadcast.eligible == reached + broadcast.unreachable > 0
    assert broadcast.eligible <= Resident.objects.filter(village__code="dongshan", verification="verified").count()
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    client.force_login(get_user_model().objects.get(username="committee-dongshan"))
    body = client.get(reverse("notifications_broadcast", args=[broadcast.pk])).content.decode()
    assert "号码已停机" in body and "100****0201" in body and REFUSED_PHONE not in body


def test_last_years_democratic_evaluation(db, first_seed_counts, client):
    from django.utils import timezone

    from supervision.evaluation_models import Evaluation

    evaluation = Evaluation.objects.get(village__code="dongshan")
    assert evaluation.status == Evaluation.Status.PUBLISHED and evaluation.year == timezone.localdate().year - 1
    assert client.get("/zh-hans/supervision/dongshan/evaluations/").status_code == 200


def test_each_grid_lists_a_worker_once(db, first_seed_counts):
    """The first grid's worker is the demo account's 周红梅, not she and an unnamed namesake with another number."""
    from grid.models import GridWorker

    rows = list(GridWorker.objects.filter(grid__village__code="dongshan").values_list("grid_id", "name"))
    assert rows and len(rows) == len(set(rows))
    assert GridWorker.objects.get(name="周红梅", grid__village__code="dongshan").user.username == "gridworker"
