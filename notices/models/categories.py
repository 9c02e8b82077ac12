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

    class Meta:
        verbose_name = _("notice category")
        verbose_name_plural = _("notice categories")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name
