"""Where a revision stands in the procedure, the steps it took, and residents' comments on its articles.

The stage lives in RevisionProcedure, not on the page: publishing an older page revision from the admin
restores a page's fields, and must never move a revision back through the official procedure.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.privacy.resident_text import PublicTextValidator
from home.sanitizer import sanitize_html, sanitize_text
from home.translations import to_record_page

from .. import workflow

COMMENT_MAX_LENGTH = 2000  # characters a resident may write in one comment on the rules


class RevisionProcedure(models.Model):
    page = models.OneToOneField(
        "village_rules.RuleRevisionPage", on_delete=models.CASCADE, primary_key=True, related_name="procedure"
    )
    stage = models.CharField(
        _("stage"),
        max_length=12,
        choices=list(workflow.STAGE_LABELS.items()),
        default=workflow.COLLECTING,
    )
    motion = models.ForeignKey(
        "council.Motion", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("motion")
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    filed_on = models.DateField(_("filed with the township on"), null=True, blank=True)
    version = models.ForeignKey(
        "village_rules.RulesVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("revision procedure")
        indexes = [models.Index(fields=["stage", "adopted_on"])]

    def __str__(self) -> str:
        return f"{self.page_id}: {self.stage}"

    @property
    def stage_label(self) -> str:
        return workflow.STAGE_LABELS[self.stage]


class RevisionStep(models.Model):
    """One transition: what, who (and in which role), when. Never edited or deleted."""

    page = models.ForeignKey("village_rules.RuleRevisionPage", on_delete=models.CASCADE, related_name="steps")
    action = models.CharField(_("step"), max_length=20, choices=[(k, t.label) for k, t in workflow.TRANSITIONS.items()])
    source = models.CharField(max_length=12)
    target = models.CharField(max_length=12)
    role = models.CharField(max_length=12, choices=list(workflow.ROLE_LABELS.items()))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(_("comments"), blank=True)
    motion = models.ForeignKey("council.Motion", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("revision step")

    def __str__(self) -> str:
        return f"{self.page_id}: {self.action}"

    def save(self, *args, **kwargs):
        to_record_page(self, "page")  # one procedure for the three language trees (RuleRevisionPage.source)
        self.note = sanitize_text(self.note)
        super().save(*args, **kwargs)

    @property
    def target_label(self) -> str:
        return workflow.STAGE_LABELS[self.target]


class ArticleComment(models.Model):
    class Decision(models.TextChoices):
        PENDING = "pending", _("Not yet considered")
        ADOPTED = "adopted", _("Adopted")
        NOT_ADOPTED = "not_adopted", _("Not adopted")

    page = models.ForeignKey(
        "village_rules.RuleRevisionPage", on_delete=models.CASCADE, related_name="article_comments"
    )
    author = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="rules_comments")
    # None: the resident proposes a new article rather than commenting on one.
    article_number = models.PositiveIntegerField(_("article"), null=True, blank=True)
    # What the article was called and said when the comment was written: the draft may be renumbered later.
    article_label = models.CharField(max_length=20, blank=True)
    article_excerpt = models.CharField(max_length=80, blank=True)
    stage = models.CharField(max_length=12, choices=list(workflow.STAGE_LABELS.items()))
    # Stored as sanitized HTML: the validator counts the text written, without the markup.
    text = models.TextField(_("comment"), validators=[PublicTextValidator(COMMENT_MAX_LENGTH)])
    is_hidden = models.BooleanField(_("hidden by a moderator"), default=False)
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)
    report_count = models.PositiveIntegerField(default=0, editable=False)
    decision = models.CharField(_("decision"), max_length=12, choices=Decision.choices, default=Decision.PENDING)
    # Written by the committee, shown under the comment on the public page: no full personal number.
    decision_reason = models.TextField(
        _("reason for the decision"), blank=True, validators=[PublicTextValidator(COMMENT_MAX_LENGTH)]
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment on an article")
        verbose_name_plural = _("comments on articles")
        indexes = [models.Index(fields=["page", "article_number"])]

    def __str__(self) -> str:
        return self.text[:40]

    def save(self, *args, **kwargs):
        to_record_page(self, "page")  # whichever tree the resident commented in
        # The same few tags as consultation comments; the page shows the text as sanitised HTML.
        self.text = sanitize_html(self.text)
        self.hidden_reason = sanitize_text(self.hidden_reason)
        self.decision_reason = sanitize_text(self.decision_reason)
        super().save(*args, **kwargs)


class ArticleCommentReport(models.Model):
    comment = models.ForeignKey(ArticleComment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter"], name="village_rules_one_report_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.comment_id}/{self.reporter_id}"
