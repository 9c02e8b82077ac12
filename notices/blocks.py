"""Blocks of a notice body: the shared body blocks plus financial tables and masked lists of people."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from home.blocks import BodyBlock
from home.privacy.detect import mask_all, mask_id_number, mask_mobile, mask_name

from . import finance


class SharedCharBlock(blocks.CharBlock):
    """Text that is the same in every language (an amount, a voucher number): not a translatable segment.

    wagtail-localize asks a block for its segments (get_translatable_segments) and hands them back translated
    (restore_translated_segments); this block has none, so a translation keeps the source's value and takes
    the source's next value on every sync: an English finance table shows the Chinese table's amounts.
    """

    def get_translatable_segments(self, value) -> list:
        return []

    def restore_translated_segments(self, value, segments):
        return value


class FinanceRowBlock(blocks.StructBlock):
    direction = blocks.ChoiceBlock(
        choices=[(finance.INCOME, _("Income")), (finance.EXPENDITURE, _("Expenditure"))],
        default=finance.EXPENDITURE,
        label=_("Income or expenditure"),
    )
    item = blocks.CharBlock(max_length=100, label=_("Item"))
    # Text, not a float field: the editor types "1,234.50" and the page shows exactly that amount.
    amount = SharedCharBlock(max_length=20, label=_("Amount (yuan)"), help_text=_("For example 1234.50"))
    category = blocks.CharBlock(max_length=40, required=False, label=_("Category"))
    note = blocks.CharBlock(max_length=200, required=False, label=_("Note"))
    voucher = SharedCharBlock(max_length=40, required=False, label=_("Voucher number"))

    class Meta:
        icon = "list-ul"
        label = _("Row")


class FinanceTableBlock(blocks.StructBlock):
    """Income and expenditure of a period, with totals, balance and a bar chart computed on render."""

    title = blocks.CharBlock(max_length=100, label=_("Title"), default="收支明细")
    opening_balance = SharedCharBlock(
        max_length=20, required=False, label=_("Opening balance (yuan)"), help_text=_("Leave empty for 0.00")
    )
    rows = blocks.ListBlock(FinanceRowBlock(), label=_("Rows"))

    class Meta:
        icon = "table"
        label = _("Financial disclosure")
        template = "notices/blocks/finance_table.html"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        try:
            finance.parse_amount(value.get("opening_balance") or "0")
        except finance.AmountError:
            errors["opening_balance"] = ValidationError(_("Enter an amount in yuan with at most two decimals."))
        bad_rows, row_errors = [], {}
        for index, row in enumerate(value.get("rows") or []):
            try:
                finance.parse_amount(row.get("amount"))
            except finance.AmountError:
                message = _(
                    "Row %(number)d (%(item)s): “%(amount)s” is not an amount in yuan with at most two decimals."
                ) % {"number": index + 1, "item": row.get("item") or "—", "amount": row.get("amount")}
                bad_rows.append(message)
                row_errors[index] = StructBlockValidationError(block_errors={"amount": ValidationError(message)})
        if row_errors:
            errors["rows"] = ListBlockValidationError(block_errors=row_errors)
        if errors:
            raise StructBlockValidationError(block_errors=errors, non_block_errors=bad_rows)
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context.update(finance_summary(value))
        return context


def rows_of(value) -> list[finance.Row]:
    return [
        finance.Row(
            direction=row["direction"],
            item=row["item"],
            amount=finance.parse_amount(row["amount"]),
            category=row.get("category") or "",
            note=row.get("note") or "",
            voucher=row.get("voucher") or "",
        )
        for row in value["rows"]
    ]


def finance_summary(value) -> dict:
    """Rows, totals and chart bars of a finance table value, for the template and the API.

    The editor's clean() refuses a table with an unreadable amount, but a stored one (an old translation whose
    amount was a translated segment, an import) must not take the page or the API down: such a table is shown
    without figures and says so (`unreadable`), rather than with totals that might be wrong."""
    try:
        rows = rows_of(value)
        opening = finance.parse_amount(value.get("opening_balance") or "0")
    except (finance.AmountError, KeyError, TypeError):
        return {"rows": [], "totals": None, "bars": [], "chart_height": 0, "bar_max": 0, "unreadable": True}
    bars = finance.chart_bars(rows)
    return {
        "rows": rows,
        "totals": finance.totals(rows, opening),
        "bars": bars,
        "chart_height": finance.chart_height(bars),
        "bar_max": finance.CHART_BAR_MAX,
        "unreadable": False,
    }


class PersonBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=40, label=pgettext_lazy("person", "Name"))
    id_number = blocks.CharBlock(max_length=20, required=False, label=_("ID number"))
    phone = blocks.CharBlock(max_length=20, required=False, label=_("Phone"))
    amount = blocks.DecimalBlock(required=False, decimal_places=2, min_value=Decimal(0), label=_("Amount (yuan)"))
    reason = blocks.CharBlock(max_length=200, required=False, label=_("Reason"))

    class Meta:
        label = _("Person")


class PeopleListBlock(blocks.StructBlock):
    """A list of people (subsidy recipients, for example) that masks names and numbers when shown."""

    title = blocks.CharBlock(max_length=100, label=_("Title"))
    people = blocks.ListBlock(PersonBlock(), label=_("People"))

    class Meta:
        icon = "group"
        label = _("People list (masked)")
        template = "notices/blocks/people_list.html"

    # Full values stay in the stored block, which only the page's editors (the owner's committee) can read in
    # the admin. Every output is masked: the page, the API's body, the search index, feeds and the page cache.

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["masked_people"] = masked_people(value)
        return context

    def get_api_representation(self, value, context=None):
        people = [{**person, "amount": _amount(person["amount"])} for person in masked_people(value)]
        return {"title": mask_all(value["title"]), "people": people}

    def get_searchable_content(self, value):
        rows = [" ".join(filter(None, (p["name"], p["reason"]))) for p in masked_people(value)]
        return [mask_all(value["title"]), *rows]


def _amount(amount):
    return None if amount is None else str(amount)


def masked_people(value) -> list[dict]:
    """A people list as it may be shown: names, ID and phone numbers masked, and no full number in a reason."""
    return [
        {
            "name": mask_name(person["name"]),
            "id_number": mask_id_number(person["id_number"]) if person.get("id_number") else "",
            "phone": mask_mobile(person["phone"]) if person.get("phone") else "",
            "amount": person.get("amount"),
            "reason": mask_all(person.get("reason") or ""),
        }
        for person in value["people"]
    ]


class NoticeBodyBlock(BodyBlock):
    finance = FinanceTableBlock()
    people = PeopleListBlock()
