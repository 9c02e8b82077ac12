"""Financial disclosure arithmetic (财务公开): Decimal totals, balance and the geometry of the bar chart.

Amounts are Decimal from the editor's form to the rendered page; a float never touches them.
"""

from collections import OrderedDict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
INCOME = "income"
EXPENDITURE = "expenditure"


class AmountError(ValueError):
    pass


def parse_amount(text: object) -> Decimal:
    """An amount in yuan with at most two decimals, e.g. "1,234.50" or "1234.5". Commas and ¥ are allowed."""
    if isinstance(text, Decimal):
        value = text
    else:
        cleaned = str(text).strip().replace(",", "").replace("，", "").replace("¥", "").replace("￥", "")
        cleaned = cleaned.removesuffix("元").strip()
        if not cleaned:
            raise AmountError("empty")
        try:
            value = Decimal(cleaned)
        except InvalidOperation as error:
            raise AmountError(str(text)) from error
    if not value.is_finite() or value < 0:
        raise AmountError(str(text))
    if value != value.quantize(CENT):
        raise AmountError(str(text))
    return value.quantize(CENT)


@dataclass(frozen=True)
class Row:
    direction: str  # INCOME or EXPENDITURE
    item: str
    amount: Decimal
    category: str = ""
    note: str = ""
    voucher: str = ""


@dataclass(frozen=True)
class Totals:
    income: Decimal
    expenditure: Decimal
    opening_balance: Decimal = Decimal("0.00")

    @property
    def balance(self) -> Decimal:
        """Closing balance: opening balance plus income minus expenditure."""
        return (self.opening_balance + self.income - self.expenditure).quantize(CENT)

    @property
    def net(self) -> Decimal:
        return (self.income - self.expenditure).quantize(CENT)


def totals(rows: list[Row], opening_balance: Decimal = Decimal("0.00")) -> Totals:
    income = sum((row.amount for row in rows if row.direction == INCOME), Decimal("0.00"))
    expenditure = sum((row.amount for row in rows if row.direction == EXPENDITURE), Decimal("0.00"))
    return Totals(income.quantize(CENT), expenditure.quantize(CENT), opening_balance.quantize(CENT))


def by_category(rows: list[Row], direction: str) -> "OrderedDict[str, Decimal]":
    """Sums per category (the item when no category is given), in order of first appearance."""
    sums: OrderedDict[str, Decimal] = OrderedDict()
    for row in rows:
        if row.direction == direction:
            key = row.category or row.item
            sums[key] = sums.get(key, Decimal("0.00")) + row.amount
    return sums


@dataclass(frozen=True)
class Bar:
    label: str
    amount: Decimal
    kind: str
    y: int
    width: int  # in SVG user units, out of CHART_BAR_MAX


CHART_BAR_MAX = 200
CHART_ROW_HEIGHT = 28


def chart_bars(rows: list[Row]) -> list[Bar]:
    """Horizontal bars for income then expenditure categories, scaled to the largest amount.

    Widths are integers so the SVG is stable text; a non-zero amount always gets at least one unit.
    """
    entries = [(label, amount, INCOME) for label, amount in by_category(rows, INCOME).items()]
    entries += [(label, amount, EXPENDITURE) for label, amount in by_category(rows, EXPENDITURE).items()]
    largest = max((amount for _, amount, _ in entries), default=Decimal(0))
    bars = []
    for position, (label, amount, kind) in enumerate(entries):
        if largest > 0:
            width = int((amount * CHART_BAR_MAX / largest).quantize(Decimal(1), rounding=ROUND_HALF_UP))
            width = max(width, 1) if amount > 0 else 0
        else:
            width = 0
        bars.append(Bar(label, amount, kind, position * CHART_ROW_HEIGHT, width))
    return bars


def chart_height(bars: list[Bar]) -> int:
    return max(len(bars), 1) * CHART_ROW_HEIGHT
