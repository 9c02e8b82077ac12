"""Admin screens that used to read every village at county size (issue 21): the dashboard's disclosure panel, the
calendar's township filter, the supervision members' "add" form, the assessment, assisted entry.

Each at small sizes: the same queries with three times the villages or rows, a page 2 with page size + 1 rows, and
the database's overdue list equal to the pure calendar rules (notices.calendar.calendar_rows over
notices.disclosure).
"""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from grid.models import RequestCategory, ResidentRequest
from home.models import Village, VillagePage
from notices.calendar import calendar_rows, overdue_villages, village_queryset
from notices.models import NoticeCategory, NoticeIndexPage, NoticePage
from notices.models.questions import NoticeQuestion
from residents.models import Resident

pytestmark = pytest.mark.django_db
PAGE = 3


@pytest.fixture
def admin(settings, without_locale_sync, django_user_model):
    settings.ADMIN_LIST_PAGE_SIZE = PAGE
    user = django_user_model.objects.create_superuser("county-admin", "admin@example.org", "x")
    client = Client()
    client.force_login(user)
    return client


def _queries(client, url) -> tuple[object, list[str]]:
    client.get(url)  # warm the per-process caches, as a running server has them
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response, [query["sql"] for query in captured]


def _notice(village: Village, category: str, kind: str, year: int, number: int, live: bool = True) -> NoticePage:
    page = VillagePage.objects.get(village=village, locale=Locale.get_default())
    index = NoticeIndexPage.objects.child_of(page).get()
    count = index.get_children_count() + 1
    notice = NoticePage(
        title=f"公告{count}", slug=f"notice-{count}", date=datetime.date(year, 1, 1),
        category=NoticeCategory.objects.get(slug=category), period_kind=kind, period_year=year, period_number=number,
    )  # fmt: skip
    index.add_child(instance=notice)
    notice.save_revision().publish()
    if not live:
        notice.unpublish()
    return notice


# --- the dashboard's disclosure panel: overdue villages found by the database ------------------------------------


def test_the_databases_overdue_villages_are_the_calendar_rules(without_locale_sync, make_village):
    """Villages with every combination that matters, at dates across month, quarter and year boundaries:
    overdue_villages (SQL) names exactly the villages calendar_rows (the pure rules) marks overdue."""
    villages = [make_village(name=f"村{i}", township="柳溪镇" if i % 2 else "青龙镇") for i in range(8)]
    on_time, only_finance, only_general, late_jan, financial_quarter, unpublished, questions, _nothing = villages
    for village in (on_time, only_finance, late_jan, questions):
        for month in (11, 12):
            _notice(village, "finance", "month", 2025, month)
        for month in (1, 2, 3):
            if not (village is late_jan and month == 1):
                _notice(village, "finance", "month", 2026, month)
    for village in (on_time, only_general, late_jan, questions):
        for quarter in (3, 4):
            _notice(village, "affairs", "quarter", 2025, quarter)
        _notice(village, "affairs", "quarter", 2026, 1)
    for month in (1, 2, 3):
        _notice(only_general, "affairs", "month", 2026, month)  # a monthly notice in another category: not finance
    _notice(financial_quarter, "finance", "quarter", 2026, 1)  # a quarterly finance notice: not the general one
    for month in (1, 2, 3):
        _notice(unpublished, "finance", "month", 2026, month, live=month != 2)
    resident = Resident.objects.create(village=questions, display_name="王*英", verification="verified")
    question = NoticeQuestion.objects.create(
        notice=NoticePage.objects.filter(path__startswith=VillagePage.objects.get(village=questions).path).first(),
        village=questions, resident=resident, text="这笔钱花在哪里？",
    )  # fmt: skip
    NoticeQuestion.objects.filter(pk=question.pk).update(created_at=timezone.now() - datetime.timedelta(days=60))

    days = ["2026-01-05", "2026-01-11", "2026-02-10", "2026-02-11", "2026-03-03", "2026-03-11", "2026-04-10",
            "2026-04-11", "2026-05-11", "2026-07-11"]  # fmt: skip
    seen = set()
    for day in map(datetime.date.fromisoformat, days):
        expected = {row.village for row in calendar_rows(villages, day) if row.overdue or row.overdue_questions}
        found = overdue_villages(Village.objects.filter(pk__in=[v.pk for v in villages]).order_by("pk"), day)
        assert set(found) == expected, day
        seen.add(frozenset(expected))
    assert len(seen) >= 3, "the dates must tell the villages apart"
    # On 11 March (February's accounts and 2025-Q4 due by the 10th), only the village with everything published
    # and no late answer is on time; the one with a late answer is overdue by that alone.
    march = datetime.date(2026, 3, 11)
    assert set(villages) - set(overdue_villages(Village.objects.all(), march)) == {on_time}
    assert not next(r for r in calendar_rows([questions], march)).overdue


def test_a_village_without_a_page_is_overdue(without_locale_sync, make_village):
    village = make_village(name="新村")
    VillagePage.objects.filter(village=village).delete()
    today = datetime.date(2026, 3, 11)
    assert list(overdue_villages(Village.objects.filter(pk=village.pk), today)) == [village]
    (row,) = calendar_rows([village], today)
    assert row.overdue


def test_the_dashboard_panel_names_one_page_of_overdue_villages_in_constant_queries(admin, make_village):
    for i in range(PAGE + 1):
        make_village(name=f"甲{i}村")
    response, few = _queries(admin, reverse("wagtailadmin_home"))
    panel = _panel(response)
    assert f"有 {PAGE + 1} 个村" in panel  # every village is overdue (none has a notice): all counted
    assert len(set(re.findall(r"甲\d村", panel))) == PAGE  # one page of them named
    for i in range(2 * (PAGE + 1)):
        make_village(name=f"乙{i}村")
    response, many = _queries(admin, reverse("wagtailadmin_home"))
    panel = _panel(response)
    assert f"有 {3 * (PAGE + 1)} 个村" in panel and len(set(re.findall(r"[甲乙]\d村", panel))) == PAGE
    # No village list read whole to be checked in Python (this panel's, and the evaluation panel beside it).
    assert _unbounded_village_reads(many) == []
    assert len(many) == len(few), f"{len(few)} queries for {PAGE + 1} villages, {len(many)} for three times as many"


def _panel(response) -> str:
    """The disclosure panel's HTML, up to its link to the full calendar."""
    html = response.content.decode()
    start = html.index('id="notices-disclosure-section"')
    return html[start : html.index(reverse("notices_calendar"), start)]


# --- the disclosure calendar's township filter -----------------------------------------------------------------


def _unbounded_village_reads(queries: list[str]) -> list[str]:
    """Queries that read village rows with neither a LIMIT nor a DISTINCT nor a COUNT: the whole list."""
    reads = [q for q in queries if re.search(r'FROM "home_village"(\s|$)', q.split(" WHERE ")[0])]
    return [q for q in reads if not re.search(r"\bLIMIT\b|\bDISTINCT\b|COUNT\(", q)]


def test_the_calendar_reads_its_townships_once_and_one_page_of_villages(admin, make_village):
    for i in range(PAGE + 1):
        make_village(name=f"甲{i}村", township=f"镇{i % 2}")
    response, few = _queries(admin, reverse("notices_calendar"))
    assert response.context["townships"] == ["镇0", "镇1"]
    assert _unbounded_village_reads(few) == []
    response, _sql = _queries(admin, reverse("notices_calendar") + "?township=镇1")
    assert {row.village.township for row in response.context["rows"]} == {"镇1"}
    for i in range(2 * (PAGE + 1)):
        make_village(name=f"乙{i}村", township=f"镇{i % 3}")
    response, many = _queries(admin, reverse("notices_calendar") + "?p=2")
    assert "镇2" in response.context["townships"] and len(response.context["rows"]) == PAGE
    assert len(many) == len(few) and _unbounded_village_reads(many) == []


def test_the_committee_sees_its_own_village_only(
    client, without_locale_sync, village_page, make_village, committee_member
):
    make_village(name="西河村", township="青龙镇")
    client.force_login(committee_member(village_page.village))
    response = client.get(reverse("notices_calendar"))
    assert [row.village for row in response.context["rows"]] == [village_page.village]
    assert response.context["townships"] == []  # one township: no filter
    assert list(village_queryset(response.wsgi_request.user)) == [village_page.village]


# --- the supervision members' "add a member" form --------------------------------------------------------------


def test_the_members_screen_has_one_village_select_of_the_users_villages(
    client, without_locale_sync, make_village, make_user
):
    from django.contrib.auth.models import Permission

    from grid.rules import supervision_group

    mine = [make_village(name=f"柳{i}村", township="柳溪镇") for i in range(3)]
    other = make_village(name="青龙村", township="青龙镇")
    township = make_user("township-liuxi")
    township.groups.add(supervision_group("柳溪镇"))
    client.force_login(township)
    html = client.get(reverse("supervision_members")).content.decode()
    assert html.count('name="village"') == 1 and html.count("<select") >= 1
    assert all(f'<option value="{v.code}">' in html for v in mine)
    assert f'value="{other.code}"' not in html
    assert reverse("supervision_add_member", args=[mine[0].code]) not in html  # no button per village

    pick = reverse("supervision_add_member_in")
    response = client.get(pick, {"village": mine[1].code})
    assert response.status_code == 302 and response.url == reverse("supervision_add_member", args=[mine[1].code])
    for code in (other.code, "", "nowhere"):  # outside the scope or unknown: the same answer
        response = client.get(pick, {"village": code})
        assert response.status_code == 302 and response.url == reverse("supervision_members")
    nobody = make_user("nobody", is_staff=True)
    nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(nobody)
    response = client.get(pick, {"village": mine[0].code})  # no village at all: refused (Wagtail's redirect)
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def test_the_members_screen_costs_the_same_with_three_times_the_villages(admin, make_village):
    for i in range(PAGE + 1):
        make_village(name=f"甲{i}村")
    response, few = _queries(admin, reverse("supervision_members"))
    assert len(re.findall(r'<option value="village\d+">', response.content.decode())) == PAGE + 1
    for i in range(2 * (PAGE + 1)):
        make_village(name=f"乙{i}村")
    response, many = _queries(admin, reverse("supervision_members"))
    assert len(re.findall(r'<option value="village\d+">', response.content.decode())) == 3 * (PAGE + 1)
    assert len(many) == len(few)


# --- the assessment: one page of villages, the CSV whole ------------------------------------------------------


def _requests(village, n, now):
    category = RequestCategory.objects.get(code="roads-lights")
    ResidentRequest.objects.bulk_create(
        ResidentRequest(village=village, category=category, description=f"路灯坏了{i}", received_at=now,
                        accept_due=now, resolve_due=now, replied_at=now, status="replied", rating="satisfied")
        for i in range(n)
    )  # fmt: skip


def test_the_assessment_pages_by_village_and_the_csv_has_them_all(admin, make_village):
    now = timezone.now()
    for i in range(PAGE + 1):
        _requests(make_village(name=f"甲{i}村"), 2, now)
    url = f"/zh-hans/requests/assessment/?period={timezone.localdate():%Y}&group=village"
    response, last = _queries(admin, url + "&p=2")
    page = response.context["page_obj"]
    assert page.number == 2 and len(page.object_list) == 1
    labels = [f["label"] for f in response.context["rows"]]
    assert labels[-1] == "全部" and len(labels) == 2  # the page's one village, then the whole period's total
    assert response.context["rows"][-1]["count"] == 2 * (PAGE + 1)
    _response, once = _queries(admin, url)
    assert len(once) == len(last)
    for i in range(2 * (PAGE + 1)):
        _requests(make_village(name=f"乙{i}村"), 1, now)
    response, thrice = _queries(admin, url)
    assert len(response.context["rows"]) == PAGE + 1 and len(thrice) == len(once)
    first_pages = [f["label"] for f in response.context["rows"][:-1]]
    assert first_pages == sorted(first_pages)  # code point order, across pages as within one
    body = b"".join(admin.get(url + "&format=csv").streaming_content).decode()
    assert len(body.splitlines()) == 1 + 3 * (PAGE + 1) + 1  # the header, every village, the total


# --- assisted entry: one page of residents, limited by the database -------------------------------------------


def test_assisted_entry_pages_residents_in_the_database_in_constant_queries(admin, make_village):
    def residents(village, n):
        Resident.objects.bulk_create(
            Resident(village=village, display_name=f"张*{i}", real_name=f"张{i}", household_number=f"{i:04d}",
                     verification="verified")
            for i in range(n)
        )  # fmt: skip

    for i in range(2):
        residents(make_village(name=f"甲{i}村"), PAGE)
    url = reverse("consultations_admin:assisted")
    response, few = _queries(admin, url)
    assert len(response.context["residents"]) == PAGE and response.context["more_residents"]
    (listed,) = [q for q in few if 'FROM "residents_resident"' in q and "ORDER BY" in q and "LIMIT" in q]
    # Ordered as the (village, household number) index, so the database reads one page, not the county sorted.
    assert re.search(r'ORDER BY "residents_resident"."village_id" ASC, "residents_resident"."household_number"', listed)
    for i in range(4):
        residents(make_village(name=f"乙{i}村"), PAGE)
    _response, many = _queries(admin, url)
    assert len(many) == len(few)
    # Village pages are read as their depths (one row) or as the ancestors of the pages shown, never all of them.
    read = [q for q in many if re.match(r'SELECT (?:(?! FROM ).)* FROM "home_villagepage"', q)]
    assert read
    assert all("DISTINCT" in q or '"path" IN (' in q for q in read), read


# --- the walk-in request form's village <select>, and records below villages' pages -----------------------------


def test_the_walk_in_form_asks_no_question_per_village(admin, make_village, committee_member):
    villages = [make_village(name=f"甲{i}村") for i in range(PAGE)]
    response, few = _queries(admin, reverse("grid_admin:file"))
    assert len(response.context["villages"]) == PAGE
    for i in range(2 * PAGE):
        make_village(name=f"乙{i}村")
    response, many = _queries(admin, reverse("grid_admin:file"))
    assert len(response.context["villages"]) == 3 * PAGE
    assert len(many) == len(few), f"{len(few)} queries for {PAGE} villages, {len(many)} for three times as many"
    client = Client()
    client.force_login(committee_member(villages[1]))
    assert client.get(reverse("grid_admin:file")).context["villages"] == [villages[1]]  # can_handle's villages


def test_under_villages_is_the_pages_below_those_villages(without_locale_sync, make_village):
    from wagtail.models import Page

    from home.village_paths import under_villages

    villages = [make_village(name=f"村{i}") for i in range(4)]
    chosen = Village.objects.filter(pk__in=[villages[0].pk, villages[2].pk])
    expected = set()
    for page in VillagePage.objects.filter(village__in=chosen):
        expected |= set(Page.objects.filter(path__startswith=page.path).values_list("pk", flat=True))
    assert len(expected) > 2
    assert set(Page.objects.filter(under_villages(chosen)).values_list("pk", flat=True)) == expected
    assert not Page.objects.filter(under_villages(Village.objects.none())).exists()


# --- the county dashboard's democratic evaluation panel (art. 33) ---------------------------------------------


def test_the_missing_evaluations_are_the_pure_rule_found_by_the_database(without_locale_sync, make_village):
    from supervision import evaluation_rules
    from supervision.evaluation_services import missing_evaluation_villages, missing_evaluations
    from supervision.models import Evaluation
    from tests.consultations.conftest import add_consultation

    villages = [make_village(name=f"评{i}村") for i in range(5)]
    ballot = add_consultation(VillagePage.objects.get(village=villages[0]))
    held = {0: {2023: "closed", 2024: "published", 2025: "closed"}, 1: {2023: "published", 2025: "published"},
            2: {2023: "closed", 2024: "open", 2025: "closed"}, 3: {}, 4: {2020: "closed", 2024: "closed"}}  # fmt: skip
    for i, years in held.items():
        for year, status in years.items():
            closed = None if status == "open" else timezone.now()
            Evaluation.objects.create(
                village=villages[i], year=year, body="assembly", ballot=ballot, status=status, closed_at=closed
            )
    expected = []
    for i, village in sorted(enumerate(villages), key=lambda pair: (pair[1].township, pair[1].name, pair[1].pk)):
        counted = {year for year, status in held[i].items() if status != "open"}
        if years := evaluation_rules.missing_years(counted, 2026):
            expected.append((village, years))
    scope = Village.objects.filter(pk__in=[v.pk for v in villages])
    assert missing_evaluations(scope, 2026) == expected and len(expected) == 4
    assert missing_evaluations(scope, 2026, limit=2) == expected[:2]
    assert missing_evaluation_villages(scope, 2026).count() == 4
