"""Disclosure dates and finance amounts at their edges, exact: they kill the mutants that test_disclosure.py and
test_finance.py let live (docs/mutation.md)."""

import datetime
from decimal import Decimal

import pytest

from notices import disclosure, finance
from notices.disclosure import MONTH, QUARTER, Period
from notices.finance import EXPENDITURE, INCOME, AmountError, Row


def test_a_grace_of_zero_days_is_zero_days():
    assert Period(MONTH, 2026, 1).due(0) == datetime.date(2026, 1, 31)
    assert Period(MONTH, 2026, 1).due() == datetime.date(2026, 2, 10)


@pytest.mark.parametrize(("key", "period"), [("2026-01", Period(MONTH, 2026, 1)), ("2026-12", Period(MONTH, 2026, 12))])
def test_month_keys_from_first_to_last(key, period):
    assert Period.from_key(key) == period


@pytest.mark.parametrize("key", ["2026-00", "2026-13", "2026-Q0", "2026-Q5"])
def test_a_period_out_of_range_is_refused_by_its_key(key):
    with pytest.raises(ValueError, match=rf"^{key}$"):
        Period.from_key(key)


def test_status_uses_the_grace_given_for_both_periods():
    today = datetime.date(2026, 3, 5)  # February's notice is in question
    late = disclosure.status(MONTH, today, {"2026-01"}, grace=0)
    assert late == disclosure.Status(Period(MONTH, 2026, 2), datetime.date(2026, 2, 28), False, True, None)
    assert not disclosure.status(MONTH, today, {"2026-01"}, grace=10).overdue
    # January's own due date (31 January + 33 days = 5 March) is today: not yet missing.
    assert disclosure.status(MONTH, today, {"2026-02"}, grace=33).earlier_missing is None
    assert disclosure.status(MONTH, today, {"2026-02"}, grace=32).earlier_missing == Period(MONTH, 2026, 1)
    assert disclosure.status(QUARTER, today, set(), grace=0).period == Period(QUARTER, 2025, 4)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        (Decimal("1.5"), Decimal("1.50")),
        ("1，234.50", Decimal("1234.50")),
        ("￥12", Decimal("12.00")),
        ("¥ 3元", Decimal("3.00")),
    ],
)
def test_amounts_in_the_forms_people_write_them(text, amount):
    assert finance.parse_amount(text) == amount


@pytest.mark.parametrize(
    ("text", "message"), [("", "empty"), ("元", "empty"), ("abc", "abc"), ("-1", "-1"), ("1.234", "1.234")]
)
def test_a_refused_amount_is_named(text, message):
    with pytest.raises(AmountError) as refused:
        finance.parse_amount(text)
    assert str(refused.value) == message


def test_a_refused_decimal_is_named():
    with pytest.raises(AmountError, match=r"^-1$"):
        finance.parse_amount(Decimal("-1"))


def _widths(*amounts: str) -> list[int]:
    rows = [Row(INCOME if i % 2 == 0 else EXPENDITURE, f"item{i}", Decimal(a)) for i, a in enumerate(amounts)]
    return [bar.width for bar in finance.chart_bars(rows)]


def test_bar_widths_round_half_up_and_keep_zero_at_zero():
    assert _widths("80", "1") == [200, 3]  # 2.5 units rounds up, not to even
    assert _widths("0.50") == [200]  # a largest amount below one yuan still fills the chart
    assert _widths("10", "0") == [200, 0]
    assert _widths("0", "0") == [0, 0]
    assert finance.chart_bars([]) == []
