"""Grids (网格) within a village and their grid workers (网格员), whose name and work phone are public."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from home.models import Village
from home.models.pages import office_phone_validator


class Grid(models.Model):
    village = models.ForeignKey(Village, on_delete=models.CASCADE, related_name="grids", verbose_name=_("village"))
    name = models.CharField(_("name"), max_length=60, help_text=_("For example 第一网格 (东片)."))
    area = models.CharField(_("area covered"), max_length=200, blank=True, help_text=_("Hamlets or groups covered."))
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("grid")
        verbose_name_plural = _("grids")
        ordering = ["village", "sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["village", "name"], name="grid_name_unique_in_village")]

    def __str__(self) -> str:
        return f"{self.village.name} {self.name}"


class GridWorker(models.Model):
    grid = models.ForeignKey(Grid, on_delete=models.CASCADE, related_name="workers", verbose_name=_("grid"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="grid_worker_posts",
        verbose_name=_("portal account"),
    )
    name = models.CharField(_("name"), max_length=40)
    # Published on the village page: a work landline or hotline, never a personal mobile.
    work_phone = models.CharField(_("work phone"), max_length=20, blank=True, validators=[office_phone_validator])

    class Meta:
        verbose_name = _("grid worker")
        verbose_name_plural = _("grid workers")
        ordering = ["grid", "name"]

    def __str__(self) -> str:
        return self.name
