"""Proposals (意见/提案), supports (支持) and comments, with their moderation.

All of them belong to the consultation itself, not to one language's copy of its page: save() moves a record
handed the zh-hant or English copy onto the record page (home.translations). User HTML passes through
home.sanitizer on save. Moderation hides and restores, never deletes: hidden text
stays in the database and the page shows a notice instead.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from home.privacy.resident_text import PublicTextValidator
from home.sanitizer import plain_text_to_html, sanitize_html, sanitize_text
from home.translations import to_record_page
from portal.prepared import PreparedInsert


class Proposal(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        SELECTED = "selected", _("Selected")
        MERGED = "merged", _("Merged with another proposal")
        NOT_ADOPTED = "not_adopted", _("Not adopted")
        WITHDRAWN = "withdrawn", _("Withdrawn by the author")

    page = models.ForeignKey("consultations.ConsultationPage", on_delete=models.PROTECT, related_name="proposals")
    author = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="proposals")
    title = models.CharField(_("title"), max_length=120, validators=[PublicTextValidator(120)])
    # Stored as sanitized HTML: the validator counts the text written, without the markup.
    text = models.TextField(_("text"), validators=[PublicTextValidator()])
    photo = models.ForeignKey("wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    location_note = models.CharField(_("where"), max_length=200, blank=True, validators=[PublicTextValidator(200)])
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    # Written by the committee and shown to everyone: the same rule as resident text (no full personal number).
    status_reason = models.TextField(_("reason given by the committee"), blank=True, validators=[PublicTextValidator()])
    # Set when the committee passes the proposal on to the villager council (council.services.escalate_to_council).
    council_proposal = models.ForeignKey(
        "council.CouncilProposal", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    # Staff of the village committee who entered it at the office for the resident (assisted participation,
    # consultations.services.assisted); None when the resident acted themselves. Shown on the public record.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False,
        verbose_name=_("entered by staff"),
    )  # fmt: skip
    support_count = models.PositiveIntegerField(default=0, editable=False)
    comment_count = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        indexes = [models.Index(fields=["page", "status"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        to_record_page(self, "page")
        self.title = sanitize_text(self.title)
        self.text = sanitize_html(plain_text_to_html(self.text))
        self.location_note = sanitize_text(self.location_note)
        self.status_reason = sanitize_text(self.status_reason)
        super().save(*args, **kwargs)


class Support(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supports")
    resident = models.ForeignKey("residents.Resident", on_delete=models.CASCADE, related_name="supports")
    # Staff of the village committee who entered it at the office for the resident (assisted participation,
    # consultations.services.assisted); None when the resident acted themselves. Shown on the public record.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False,
        verbose_name=_("entered by staff"),
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "resident"], name="one_support_per_resident")]

    def __str__(self) -> str:
        return f"{self.proposal_id}/{self.resident_id}"

    def save(self, *args, **kwargs):
        self._refuse_own()
        super().save(*args, **kwargs)

    def insert(self) -> None:
        """save() of a new support (the same refusal), its INSERT written once (portal.prepared); signals sent."""
        self._refuse_own()
        _INSERT_SUPPORT(self)

    def _refuse_own(self) -> None:
        # Below services.support: no path (admin, shell, import) stores an author's support of their own proposal.
        if self.proposal.author_id == self.resident_id:
            raise ValidationError(_("You cannot support your own proposal; others can."))


_INSERT_SUPPORT = PreparedInsert(Support)


class Comment(models.Model):
    page = models.ForeignKey("consultations.ConsultationPage", on_delete=models.PROTECT, related_name="comments")
    proposal = models.ForeignKey(Proposal, null=True, blank=True, on_delete=models.PROTECT, related_name="comments")
    # One level deep: a reply's parent is always a top-level comment (services enforce it).
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="replies")
    author = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="consultation_comments")
    text = models.TextField(_("comment"), validators=[PublicTextValidator()])
    is_hidden = models.BooleanField(_("hidden by a moderator"), default=False)
    hidden_reason = models.TextField(_("reason"), blank=True)
    # Staff of the village committee who entered it at the office for the resident (assisted participation,
    # consultations.services.assisted); None when the resident acted themselves. Shown on the public record.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False,
        verbose_name=_("entered by staff"),
    )  # fmt: skip
    report_count = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return sanitize_text(self.text)[:40]

    def save(self, *args, **kwargs):
        self._clean_for_save()
        super().save(*args, **kwargs)

    def insert(self) -> None:
        """save() of a new comment (on the record page, sanitised), its INSERT written once (portal.prepared)."""
        self._clean_for_save()
        _INSERT_COMMENT(self)

    def _clean_for_save(self) -> None:
        to_record_page(self, "page")
        self.text = sanitize_html(self.text)


_INSERT_COMMENT = PreparedInsert(Comment)


class CommentReport(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.PROTECT, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "reporter"], name="one_report_per_user")]

    def __str__(self) -> str:
        return f"{self.comment_id}/{self.reporter_id}"


class ModerationEvent(models.Model):
    class Action(models.TextChoices):
        HIDE = "hide", _("Hidden")
        RESTORE = "restore", _("Restored")

    comment = models.ForeignKey(Comment, on_delete=models.PROTECT, related_name="moderation_events")
    action = models.CharField(_("action"), max_length=8, choices=Action.choices)
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.comment_id}"
