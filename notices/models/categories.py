"""Notice categories (党务 / 村务 / 财务 / 其他): a snippet, so the county can add its own."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NoticeCategory(models.Model):
    name = models.CharField(_("name"), max_length=40, unique=True)
    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    is_financial = models.BooleanField(
        _("financial disclosure"),
        default=False,
        help_text=_("Monthly notices of this category count as the monthly financial disclosure."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    # Democratic financial review (民主理财, issue 24): the county turns the supervision committee's review on for a
    # category by choosing its workflow here; NoticePage.get_workflow then sends the category's notices through it.
    review_workflow = models.ForeignKey(
        "wagtailcore.Workflow",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("review before publication"),
        help_text=_(
            "Notices of this category go through this workflow before they are published, e.g. the village "
            "affairs supervision committee's review (民主理财). Left empty, they are published directly."
        ),
    )

    class Meta:
        verbose_name = _("notice category")
        verbose_name_plural = _("notice categories")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name
