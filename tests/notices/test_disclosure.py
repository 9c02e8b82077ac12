"""Periods, due dates and overdue rules of the disclosure calendar (VCOL art. 30)."""

import datetime

import pytest

from notices import disclosure
from notices.disclosure import MONTH, QUARTER, Period

D = datetime.date


def test_period_bounds_across_the_year_end():
    assert Period(MONTH, 2026, 12).end == D(2026, 12, 31)
    assert Period(MONTH, 2024, 2).end == D(2024, 2, 29)
    assert Period(QUARTER, 2026, 4).start == D(2026, 10, 1)
    assert Period(QUARTER, 2026, 4).end == D(2026, 12, 31)
    assert Period(MONTH, 2026, 1).previous() == Period(MONTH, 2025, 12)
    assert Period(QUARTER, 2026, 1).previous() == Period(QUARTER, 2025, 4)


def test_keys_round_trip():
    for period in (Period(MONTH, 2026, 3), Period(QUARTER, 2026, 3)):
        assert Period.from_key(period.key()) == period
    assert Period(MONTH, 2026, 3).key() == "2026-03"
    assert Period(QUARTER, 2026, 3).key() == "2026-Q3"
    with pytest.raises(ValueError):
        Period.from_key("2026-Q5")


def test_due_date_uses_the_grace_setting(settings):
    assert Period(MONTH, 2026, 1).due() == D(2026, 2, 10)
    settings.NOTICES_DISCLOSURE_GRACE_DAYS = 15
    assert Period(MONTH, 2026, 1).due() == D(2026, 2, 15)


@pytest.mark.parametrize(
    ("today", "period", "overdue_if_missing"),
    [
        (D(2026, 3, 10), "2026-02", False),  # last day of grace
        (D(2026, 3, 11), "2026-02", True),
        (D(2026, 1, 5), "2025-12", False),  # across the year end
        (D(2026, 1, 11), "2025-12", True),
        (D(2026, 3, 1), "2026-02", False),
    ],
)
def test_monthly_overdue(today, period, overdue_if_missing):
    missing = disclosure.status(MONTH, today, published_keys={Period.from_key(period).previous().key()})
    assert missing.period.key() == period
    assert missing.overdue is overdue_if_missing
    published = disclosure.status(MONTH, today, published_keys={period, Period.from_key(period).previous().key()})
    assert published.published and not published.overdue


@pytest.mark.parametrize(
    ("today", "period", "overdue_if_missing"),
    [
        (D(2026, 4, 10), "2026-Q1", False),
        (D(2026, 4, 11), "2026-Q1", True),
        (D(2026, 6, 30), "2026-Q1", True),
        (D(2026, 7, 1), "2026-Q2", False),  # a new quarter begins: Q2 now in question, not yet due
        (D(2027, 1, 11), "2026-Q4", True),  # across the year end
    ],
)
def test_quarterly_overdue(today, period, overdue_if_missing):
    before = Period.from_key(period).previous().key()
    status = disclosure.status(QUARTER, today, published_keys={before})
    assert status.period.key() == period
    assert status.overdue is overdue_if_missing


def test_an_earlier_missing_period_stays_overdue_into_the_next_period():
    # On 3 March February is not yet due, but January's notice was due on 10 February and never came.
    status = disclosure.status(MONTH, D(2026, 3, 3), published_keys=set())
    assert status.period.key() == "2026-02"
    assert not status.published
    assert status.earlier_missing == Period(MONTH, 2026, 1)
    assert status.overdue
