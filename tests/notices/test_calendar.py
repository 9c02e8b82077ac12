"""The disclosure calendar with real notices, frozen time, and scoping per user."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from wagtail.models import Locale

from home.models import VillagePage
from notices.calendar import calendar_rows, villages_for
from notices.models import NoticeCategory, NoticeIndexPage


def at(day: datetime.date):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(12)), tick=False)


@pytest.fixture
def finance(db):
    return NoticeCategory.objects.get(slug="finance")


def test_monthly_and_quarterly_status_across_boundaries(make_notice, village_page, finance):
    village = village_page.village
    make_notice(category=finance, period_kind="month", period_year=2026, period_number=1)
    make_notice(category=finance, period_kind="month", period_year=2026, period_number=2)
    make_notice(period_kind="quarter", period_year=2025, period_number=3)
    make_notice(period_kind="quarter", period_year=2025, period_number=4)
    # A quarterly notice in a financial category does not count as the general one, nor a monthly one in another.
    make_notice(category=finance, period_kind="quarter", period_year=2026, period_number=1)
    make_notice(period_kind="month", period_year=2026, period_number=3)

    (row,) = calendar_rows([village], datetime.date(2026, 3, 11))
    assert (row.finance.period.key(), row.finance.published, row.finance.overdue) == ("2026-02", True, False)
    assert (row.general.period.key(), row.general.published, row.general.overdue) == ("2025-Q4", True, False)

    (row,) = calendar_rows([village], datetime.date(2026, 4, 10))
    assert (row.finance.period.key(), row.finance.published, row.finance.overdue) == ("2026-03", False, False)
    assert (row.general.period.key(), row.general.published, row.general.overdue) == ("2026-Q1", False, False)

    (row,) = calendar_rows([village], datetime.date(2026, 4, 11))
    assert row.finance.overdue and row.general.overdue and row.overdue


def test_year_end_boundary(make_notice, village_page, finance):
    make_notice(category=finance, period_kind="month", period_year=2025, period_number=11)
    make_notice(category=finance, period_kind="month", period_year=2025, period_number=12)
    (row,) = calendar_rows([village_page.village], datetime.date(2026, 1, 11))
    assert row.finance.published and not row.finance.overdue
    (row,) = calendar_rows([village_page.village], datetime.date(2026, 2, 11))
    assert row.finance.period.key() == "2026-01" and row.finance.overdue


def test_unpublished_notices_do_not_count(make_notice, village_page, finance):
    notice = make_notice(category=finance, period_kind="month", period_year=2026, period_number=2)
    notice.unpublish()
    (row,) = calendar_rows([village_page.village], datetime.date(2026, 3, 11))
    assert not row.finance.published and row.finance.overdue


def test_a_missing_earlier_month_stays_overdue(make_notice, village_page, finance):
    (row,) = calendar_rows([village_page.village], datetime.date(2026, 3, 3))
    assert row.finance.period.key() == "2026-02" and row.finance.earlier_missing.key() == "2026-01"
    assert row.finance.overdue


def test_notices_count_for_their_own_village_only(make_notice, village_page, make_village, finance):
    other = make_village()
    other_index = NoticeIndexPage.objects.child_of(
        VillagePage.objects.get(village=other, locale=Locale.get_default())
    ).get()
    make_notice(parent=other_index, category=finance, period_kind="month", period_year=2026, period_number=2)
    rows = {row.village: row for row in calendar_rows([village_page.village, other], datetime.date(2026, 3, 11))}
    assert rows[other].finance.published
    assert not rows[village_page.village].finance.published


def test_calendar_is_scoped_to_the_users_villages(client, make_user, village_page, make_village, committee_member):
    other = make_village(name="西河村")
    committee = committee_member(village_page.village)
    assert villages_for(committee) == [village_page.village]
    admin = make_user("county", is_superuser=True, is_staff=True)
    assert set(villages_for(admin)) == {village_page.village, other}

    client.force_login(committee)
    with at(datetime.date(2026, 4, 11)):
        html = client.get(reverse("notices_calendar")).content.decode()
        dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "东山村" in html and "西河村" not in html
    assert "2026-03" in html and "2026-Q1" in html
    assert 'class="notices-overdue"' in html
    assert "notices-disclosure" in dashboard and "西河村" not in dashboard


def test_calendar_refuses_users_without_a_village(client, make_user):
    user = make_user("somebody", is_staff=True)
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(reverse("notices_calendar"))
    assert response.status_code == 302  # Wagtail sends those without permission back to the dashboard
    assert "notices-disclosure" not in client.get(reverse("wagtailadmin_home")).content.decode()
