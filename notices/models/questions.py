"""Residents' queries on a notice (村民质询, VCOL art. 30).

Moderation choice: a question is published with its answer, not before. Questions are free text
from residents and may name neighbours or carry phone numbers; the committee reads each one while
answering, and it must answer within 5 days (local rules, DOMAIN.md §4), which the dashboard flags.
The asker sees their own waiting question under the notice at once.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from home.models import Village
from home.privacy.resident_text import PublicTextValidator
from home.translations import to_record_page

ANSWER_WITHIN_DAYS = 5


class NoticeQuestionQuerySet(models.QuerySet):
    def published(self):
        return self.exclude(answer="").filter(hidden=False)

    def unanswered(self):
        return self.filter(answer="", hidden=False)

    def overdue_cutoff(self, now: datetime.datetime | None = None) -> datetime.datetime:
        return (now or timezone.now()) - datetime.timedelta(days=ANSWER_WITHIN_DAYS)

    def overdue(self, now: datetime.datetime | None = None):
        return self.unanswered().filter(created_at__lt=self.overdue_cutoff(now))


class NoticeQuestion(models.Model):
    notice = models.ForeignKey("notices.NoticePage", on_delete=models.PROTECT, related_name="questions")
    # The notice's village, kept here so committees' lists and the dashboard filter without walking the tree.
    village = models.ForeignKey(Village, on_delete=models.PROTECT, related_name="+", verbose_name=_("village"))
    resident = models.ForeignKey(
        "residents.Resident", on_delete=models.PROTECT, related_name="notice_questions", verbose_name=_("resident")
    )
    text = models.TextField(
        pgettext_lazy("resident question", "question"), max_length=1000, validators=[PublicTextValidator(1000)]
    )
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)
    # The committee's answer is published under the notice: the rule of public text (docs/privacy.md).
    answer = models.TextField(_("answer"), blank=True, max_length=3000, validators=[PublicTextValidator(3000)])
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # Set by the committee for abusive questions; kept, never deleted (VCOL art. 34).
    hidden = models.BooleanField(_("hidden"), default=False)

    objects = NoticeQuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("resident's question")
        verbose_name_plural = _("residents' questions")
        indexes = [models.Index(fields=["village", "answer", "created_at"])]

    def __str__(self) -> str:
        return self.text[:40]

    def save(self, *args, **kwargs):
        # One notice, one list of questions, whichever language tree the resident asked in (home.translations).
        to_record_page(self, "notice")
        super().save(*args, **kwargs)

    @property
    def is_answered(self) -> bool:
        return bool(self.answer)
