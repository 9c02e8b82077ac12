"""Every CSV export streams (issue 21): a StreamingHttpResponse with a BOM, the right rows, and a number of queries
that does not grow with the rows (they come from the database in chunks, never as one string in memory)."""

import datetime

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from council.models import AgendaItem, Attendance, CouncilPage, Meeting, Motion
from grid import assessment, services
from grid.models import RequestCategory, ResidentRequest
from portal.admin_lists import BOM

pytestmark = pytest.mark.django_db
EXPORTS = ["meetings", "attendance", "motions"]


def _read(client, url: str) -> tuple[StreamingHttpResponse, str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        body = response.getvalue().decode("utf-8")  # read inside: a streamed export queries while it is read
    assert response.status_code == 200, url
    return response, body, len(queries)


def _meetings(village, n: int, start: int) -> None:
    for i in range(start, start + n):
        meeting = Meeting.objects.create(village=village, kind="council", title=f"会议{i}",
                                         date=datetime.date(2025, 1, 1) + datetime.timedelta(days=i))  # fmt: skip
        Attendance.objects.create(meeting=meeting, name=f"理事{i}", present=True)
        item = AgendaItem.objects.create(meeting=meeting, title=f"议题{i}")
        Motion.objects.create(agenda_item=item, text=f"动议{i}", yes=6, no=2, abstain=1)


@pytest.mark.parametrize("what", EXPORTS)
def test_council_exports_stream_with_a_bom_in_constant_queries(village_page, without_locale_sync, what):
    village = village_page.village
    page = CouncilPage.objects.get(locale=Locale.get_default(), path__startswith=village_page.path)
    url = page.url + f"export/{what}/"
    client = Client()
    _meetings(village, 2, 0)
    client.get(url).getvalue()  # warm the routing caches
    response, body, few = _read(client, url)
    assert isinstance(response, StreamingHttpResponse) and response["Content-Type"].startswith("text/csv")
    assert body.startswith(BOM) and len(body.splitlines()) == 3  # the header and one line per record
    _meetings(village, 6, 2)
    _response, body, many = _read(client, url)
    assert len(body.splitlines()) == 9 and "会议7" in body
    assert many == few, f"{few} queries for 2 meetings, {many} for 8"


def _requests(village, n: int, now) -> None:
    category = RequestCategory.objects.get(code="roads-lights")
    for i in range(n):
        ResidentRequest.objects.create(
            village=village, category=category, description=f"路灯坏了{i}",
            received_at=now - datetime.timedelta(hours=3), accept_due=now,
            resolve_due=now - datetime.timedelta(hours=2 * (i % 2)),
            replied_at=now - datetime.timedelta(hours=1),
            status="rejected" if i % 3 == 0 else "replied",
            rating=["satisfied", "basically", "dissatisfied", ""][i % 4],
        )  # fmt: skip


def test_the_assessment_is_counted_by_the_database_as_the_pure_figures_define_it(village_page, make_village):
    """services.assessment_figures (GROUP BY in SQL) = assessment.figures (the definition, over records)."""
    now = timezone.now()
    other = make_village(code="xihe", name="西河村")
    _requests(village_page.village, 7, now)
    _requests(other, 4, now)
    start, end = now - datetime.timedelta(days=30), now + datetime.timedelta(days=1)
    villages = [village_page.village, other]
    for group, key in (("village", lambda r: r.village), ("platform", lambda r: r.platform)):
        rows, total = services.assessment_figures(villages, start, end, group)
        records = services.assessment_records(villages, start, end)
        expected = assessment.grouped(records, key)
        assert [(f.key, f.count, f.answered, f.on_time, f.rejected, f.rated, f.satisfied) for f in rows] == [
            (f.key, f.count, f.answered, f.on_time, f.rejected, f.rated, f.satisfied) for f in expected
        ]
        assert [round(f.total_handling_days, 3) for f in rows] == [round(f.total_handling_days, 3) for f in expected]
        whole = assessment.figures("all", records)
        assert total.count == 11
        assert (total.answered, total.on_time, total.rejected, total.rated, total.satisfied) == (
            whole.answered, whole.on_time, whole.rejected, whole.rated, whole.satisfied
        )  # fmt: skip
        assert round(total.total_handling_days, 3) == round(whole.total_handling_days, 3)


def test_the_assessment_csv_streams_in_constant_queries(village_page, make_village, django_user_model):
    now = timezone.now()
    admin = django_user_model.objects.create_superuser("county-admin", "admin@example.org", "x")
    client = Client()
    client.force_login(admin)
    url = f"/zh-hans/requests/assessment/?period={now:%Y}&format=csv"
    _requests(village_page.village, 2, now)
    client.get(url).getvalue()
    response, body, few = _read(client, url)
    assert isinstance(response, StreamingHttpResponse) and body.startswith(BOM)
    assert body.splitlines()[-1].split(",")[1] == "2"  # the total line
    for code in ("xihe", "nangang", "taoyuan"):
        _requests(make_village(code=code), 5, now)
    _response, body, many = _read(client, url)
    assert body.splitlines()[-1].split(",")[1] == "17" and len(body.splitlines()) == 6  # header, 4 villages, total
    assert many == few, f"{few} queries for one village, {many} for four"
