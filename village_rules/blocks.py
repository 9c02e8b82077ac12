"""The text of a version of the rules as structured data: chapters holding articles, numbered when shown."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class ChapterBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        required=False,
        max_length=60,
        label=_("Chapter title"),
        help_text=_("For example 总则. The number (第一章) is added automatically."),
    )
    articles = blocks.ListBlock(
        blocks.TextBlock(label=_("Article"), help_text=_("Plain text. The number (第一条) is added automatically.")),
        label=_("Articles"),
        min_num=1,
    )

    class Meta:
        icon = "list-ol"
        label = _("Chapter")


class RulesTextBlock(blocks.StreamBlock):
    chapter = ChapterBlock()

    class Meta:
        label = _("Text of the rules")
