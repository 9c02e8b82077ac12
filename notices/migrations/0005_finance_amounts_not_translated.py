"""Finance amounts, opening balances and voucher numbers are no longer translatable segments (issue 16).

The block change makes wagtail-localize leave them out of a translation; this also gives every stored
translation of a notice its source's amounts back (matched by block and row id), so an English table that a
translator mistyped or changed shows the Chinese totals again. Aliases are copies of their source already.
"""

from decimal import Decimal

import wagtail.fields
from django.conf import settings
from django.db import migrations

SHARED_CELLS = ("amount", "voucher")


def _finance_blocks(body) -> dict:
    return {block.get("id"): block for block in body if block.get("type") == "finance" and block.get("id")}


def _share_cells(source_body, body) -> bool:
    changed = False
    sources = _finance_blocks(source_body)
    for block_id, block in _finance_blocks(body).items():
        source = sources.get(block_id)
        if source is None:
            continue
        value, source_value = block["value"], source["value"]
        if value.get("opening_balance") != source_value.get("opening_balance"):
            value["opening_balance"] = source_value.get("opening_balance")
            changed = True
        source_rows = {row.get("id"): row for row in source_value.get("rows") or [] if isinstance(row, dict)}
        for row in value.get("rows") or []:
            source_row = source_rows.get(row.get("id")) if isinstance(row, dict) else None
            if source_row is None:
                continue
            for name in SHARED_CELLS:
                if row["value"].get(name) != source_row["value"].get(name):
                    row["value"][name] = source_row["value"].get(name)
                    changed = True
    return changed


def share_amounts(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    NoticePage = apps.get_model("notices", "NoticePage")
    default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if default is None:
        return
    translations = NoticePage.objects.exclude(locale=default).filter(alias_of__isnull=True)
    for page in translations.iterator():
        source = NoticePage.objects.filter(translation_key=page.translation_key, locale=default).first()
        if source is None:
            continue
        body = list(page.body.raw_data)
        if _share_cells(list(source.body.raw_data), body):
            page.body = body
            page.save(update_fields=["body"])


class Migration(migrations.Migration):
    dependencies = [
        ("notices", "0004_questions_onto_record_pages"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AlterField(
            model_name="noticepage",
            name="body",
            field=wagtail.fields.StreamField(
                [("heading", 0), ("paragraph", 1), ("image", 5), ("document", 8), ("finance", 19), ("people", 28)],
                blank=True,
                block_lookup={
                    0: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {
                            "form_classname": "title",
                            "icon": "title",
                            "label": "Heading",
                            "template": "blocks/heading.html",
                        },
                    ),
                    1: (
                        "wagtail.blocks.RichTextBlock",
                        (),
                        {"features": ["bold", "italic", "ol", "ul", "link", "document-link"], "label": "Paragraph"},
                    ),
                    2: ("wagtail.images.blocks.ImageChooserBlock", (), {"label": "Image"}),
                    3: ("wagtail.blocks.CharBlock", (), {"label": "Caption", "required": False}),
                    4: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {
                            "help_text": "Describe the picture for people who cannot see it.",
                            "label": "Text alternative",
                            "required": False,
                        },
                    ),
                    5: ("wagtail.blocks.StructBlock", [[("image", 2), ("caption", 3), ("alt_text", 4)]], {}),
                    6: ("wagtail.documents.blocks.DocumentChooserBlock", (), {"label": "Document"}),
                    7: ("wagtail.blocks.CharBlock", (), {"label": "Link text", "required": False}),
                    8: ("wagtail.blocks.StructBlock", [[("document", 6), ("title", 7)]], {}),
                    9: ("wagtail.blocks.CharBlock", (), {"default": "收支明细", "label": "Title", "max_length": 100}),
                    10: (
                        "notices.blocks.SharedCharBlock",
                        (),
                        {
                            "help_text": "Leave empty for 0.00",
                            "label": "Opening balance (yuan)",
                            "max_length": 20,
                            "required": False,
                        },
                    ),
                    11: (
                        "wagtail.blocks.ChoiceBlock",
                        [],
                        {
                            "choices": [("income", "Income"), ("expenditure", "Expenditure")],
                            "label": "Income or expenditure",
                        },
                    ),
                    12: ("wagtail.blocks.CharBlock", (), {"label": "Item", "max_length": 100}),
                    13: (
                        "notices.blocks.SharedCharBlock",
                        (),
                        {"help_text": "For example 1234.50", "label": "Amount (yuan)", "max_length": 20},
                    ),
                    14: ("wagtail.blocks.CharBlock", (), {"label": "Category", "max_length": 40, "required": False}),
                    15: ("wagtail.blocks.CharBlock", (), {"label": "Note", "max_length": 200, "required": False}),
                    16: (
                        "notices.blocks.SharedCharBlock",
                        (),
                        {"label": "Voucher number", "max_length": 40, "required": False},
                    ),
                    17: (
                        "wagtail.blocks.StructBlock",
                        [
                            [
                                ("direction", 11),
                                ("item", 12),
                                ("amount", 13),
                                ("category", 14),
                                ("note", 15),
                                ("voucher", 16),
                            ]
                        ],
                        {},
                    ),
                    18: ("wagtail.blocks.ListBlock", (17,), {"label": "Rows"}),
                    19: ("wagtail.blocks.StructBlock", [[("title", 9), ("opening_balance", 10), ("rows", 18)]], {}),
                    20: ("wagtail.blocks.CharBlock", (), {"label": "Title", "max_length": 100}),
                    21: ("wagtail.blocks.CharBlock", (), {"label": "Name", "max_length": 40}),
                    22: ("wagtail.blocks.CharBlock", (), {"label": "ID number", "max_length": 20, "required": False}),
                    23: ("wagtail.blocks.CharBlock", (), {"label": "Phone", "max_length": 20, "required": False}),
                    24: (
                        "wagtail.blocks.DecimalBlock",
                        (),
                        {"decimal_places": 2, "label": "Amount (yuan)", "min_value": Decimal("0"), "required": False},
                    ),
                    25: ("wagtail.blocks.CharBlock", (), {"label": "Reason", "max_length": 200, "required": False}),
                    26: (
                        "wagtail.blocks.StructBlock",
                        [[("name", 21), ("id_number", 22), ("phone", 23), ("amount", 24), ("reason", 25)]],
                        {},
                    ),
                    27: ("wagtail.blocks.ListBlock", (26,), {"label": "People"}),
                    28: ("wagtail.blocks.StructBlock", [[("title", 20), ("people", 27)]], {}),
                },
                verbose_name="body",
            ),
        ),
        migrations.RunPython(share_amounts, migrations.RunPython.noop),
    ]
