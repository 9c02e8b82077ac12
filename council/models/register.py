"""The village register's history: the adults, households and representatives in force from a date on.

A meeting is judged by the register as it stood on the meeting's date (DOMAIN.md §2), so every change of
the Village figures is kept as a dated record instead of overwriting the only copy (VCOL art. 34).
"""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from home.models import Village


class VillageRegisterRecord(models.Model):
    village = models.ForeignKey(
        Village, on_delete=models.CASCADE, related_name="register_records", verbose_name=_("village")
    )
    effective_on = models.DateField(_("in force from"))
    adult_villagers = models.PositiveIntegerField(_("adult villagers"))
    households = models.PositiveIntegerField(_("households"))
    representatives = models.PositiveIntegerField(_("villager representatives"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("register figures")
        verbose_name_plural = _("register history")
        ordering = ["-effective_on"]
        constraints = [
            models.UniqueConstraint(fields=["village", "effective_on"], name="council_one_register_record_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.village_id} {self.effective_on}"

    @classmethod
    def as_of(cls, village: Village, date: datetime.date) -> "VillageRegisterRecord | None":
        """The figures in force on ``date``; before the first record, the earliest one known."""
        records = cls.objects.filter(village=village)
        return records.filter(effective_on__lte=date).first() or records.order_by("effective_on").first()

    def same_figures(self, village: Village) -> bool:
        return (self.adult_villagers, self.households, self.representatives) == (
            village.adult_villagers,
            village.households,
            village.representatives,
        )
