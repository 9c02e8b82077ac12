"""Finance arithmetic is Decimal end to end: totals, balance, chart geometry, parsing."""

from decimal import Decimal

import pytest

from notices import finance
from notices.finance import EXPENDITURE, INCOME, Row


def rows():
    return [
        Row(INCOME, "上级转移支付", Decimal("30000.00"), "转移支付"),
        Row(INCOME, "土地租金", Decimal("18620.10"), "资产收入"),
        Row(EXPENDITURE, "道路维修", Decimal("21800.00"), "公益事业"),
        Row(EXPENDITURE, "办公费", Decimal("0.10"), "办公支出"),
        Row(EXPENDITURE, "办公费", Decimal("0.20"), "办公支出"),
    ]


def test_totals_and_balance_are_exact_decimals():
    totals = finance.totals(rows(), opening_balance=Decimal("1000.00"))
    assert totals.income == Decimal("48620.10")
    assert totals.expenditure == Decimal("21800.30")  # 0.1 + 0.2 is 0.30 here, not 0.30000000000000004
    assert totals.net == Decimal("26819.80")
    assert totals.balance == Decimal("27819.80")
    assert all(isinstance(v, Decimal) for v in (totals.income, totals.expenditure, totals.balance))


def test_no_rows_give_zero_totals_and_the_opening_balance():
    totals = finance.totals([], Decimal("5.50"))
    assert (totals.income, totals.expenditure, totals.balance) == (Decimal("0.00"), Decimal("0.00"), Decimal("5.50"))


def test_negative_balance_is_shown_as_such():
    totals = finance.totals([Row(EXPENDITURE, "修路", Decimal("10.00"))])
    assert totals.balance == Decimal("-10.00")


@pytest.mark.parametrize(
    ("text", "value"),
    [("1234.5", "1234.50"), ("1,234.50", "1234.50"), ("¥12", "12.00"), ("36415.50元", "36415.50"), ("0", "0.00")],
)
def test_parse_amount(text, value):
    assert finance.parse_amount(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "abc", "1.234", "-5", "NaN", "Infinity", "1e3.5"])
def test_parse_amount_refuses(text):
    with pytest.raises(finance.AmountError):
        finance.parse_amount(text)


def test_chart_bars_by_category_scaled_to_the_largest():
    bars = finance.chart_bars(rows())
    assert [(bar.label, bar.kind) for bar in bars] == [
        ("转移支付", INCOME),
        ("资产收入", INCOME),
        ("公益事业", EXPENDITURE),
        ("办公支出", EXPENDITURE),
    ]
    assert bars[0].width == finance.CHART_BAR_MAX
    assert bars[2].width == 145  # 21800 / 30000 * 200 = 145.33
    assert bars[3].width == 1  # tiny but not zero: still visible
    assert bars[3].amount == Decimal("0.30")
    assert [bar.y for bar in bars] == [0, 28, 56, 84]
    assert finance.chart_height(bars) == 112


def test_chart_of_nothing():
    assert finance.chart_bars([]) == []
    assert finance.chart_height([]) == finance.CHART_ROW_HEIGHT
