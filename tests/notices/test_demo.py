"""The demo county has a year of monthly finance notices for 东山村, quarterly notices and an urgent notice."""

import datetime

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from home.models import Village
from notices.calendar import calendar_rows
from notices.models import NoticePage

pytestmark = pytest.mark.slow


def test_demo_notices(db):
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)  # safe to run twice
    dongshan = NoticePage.objects.filter(locale=Locale.get_default(), url_path__contains="/dongshan/")
    monthly = dongshan.filter(period_kind="month", category__is_financial=True)
    expected = {"2025-11", "2025-12"} | {f"2026-{month:02d}" for month in range(1, 11)}
    assert sorted(notice.period for notice in monthly) == sorted(expected)
    assert all(any(block.block_type == "finance" for block in notice.body) for notice in monthly)
    assert dongshan.filter(period_kind="quarter").exists()
    assert dongshan.filter(urgent=True).count() == 1
    assert any(block.block_type == "people" for notice in dongshan for block in notice.body)

    (row,) = calendar_rows([Village.objects.get(code="dongshan")], datetime.date(2026, 11, 26))
    assert row.finance.published and row.general.published and not row.overdue
