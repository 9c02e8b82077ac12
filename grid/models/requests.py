"""Resident requests (诉求), their categories and the timeline of every step."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models import Village
from home.privacy.resident_text import PublicTextValidator
from residents.models import Resident

from .. import workflow
from .grids import Grid

PLATFORM_CHOICES = [
    ("zongzhi", _("Comprehensive governance (综治工作)")),
    ("shichang", _("Market supervision (市场监管)")),
    ("zhifa", _("Comprehensive law enforcement (综合执法)")),
    ("bianmin", _("Services for residents (便民服务)")),
]


class RequestCategory(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True, help_text=_("Open311 service_code."))
    name = models.CharField(_("name"), max_length=60)
    description = models.CharField(_("description"), max_length=200, blank=True)
    platform = models.CharField(_("platform"), max_length=10, choices=PLATFORM_CHOICES)
    accept_days = models.PositiveSmallIntegerField(_("accept within (working days)"), default=2)
    resolve_days = models.PositiveSmallIntegerField(_("resolve within (working days)"), default=7)
    is_mediation = models.BooleanField(_("dispute mediation"), default=False)
    keywords = models.CharField(_("keywords"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("request category")
        verbose_name_plural = _("request categories")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class ResidentRequestQuerySet(models.QuerySet):
    def public(self):
        """What the public list may show: the resident allowed it, it was accepted, and it is no dispute between
        private persons (mediation cases are never public)."""
        return self.filter(show_publicly=True, category__is_mediation=False).exclude(
            status__in=[workflow.RECEIVED, workflow.REJECTED]
        )

    def open(self):
        return self.exclude(status__in=workflow.FINAL_STATES)

    def overdue(self, now=None):
        now = now or timezone.now()
        late_accept = models.Q(status=workflow.RECEIVED, accept_due__lt=now)
        late_resolve = models.Q(status__in=workflow.OPEN_STATES, resolve_due__lt=now)
        return self.filter(late_accept | late_resolve)


# Shown in public when the resident allows it and in Open311 (masked): no full number, a page at most.
DESCRIPTION_MAX_LENGTH = 2000


class ResidentRequest(models.Model):
    class Channel(models.TextChoices):
        ONLINE = "online", _("Online")
        WALK_IN = "walk_in", _("At the office")
        PHONE = "phone", _("By phone")

    village = models.ForeignKey(Village, on_delete=models.PROTECT, related_name="requests", verbose_name=_("village"))
    grid = models.ForeignKey(
        Grid, null=True, blank=True, on_delete=models.SET_NULL, related_name="requests", verbose_name=_("grid")
    )
    category = models.ForeignKey(
        RequestCategory, on_delete=models.PROTECT, related_name="requests", verbose_name=_("category")
    )
    resident = models.ForeignKey(
        Resident, null=True, blank=True, on_delete=models.SET_NULL, related_name="requests", verbose_name=_("resident")
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    channel = models.CharField(_("received"), max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    # For walk-ins and calls from people without an account; never shown publicly.
    contact_name = models.CharField(_("name of the person"), max_length=40, blank=True)
    contact_phone = models.CharField(_("phone of the person"), max_length=20, blank=True)
    description = models.TextField(
        _("what is the matter"),
        max_length=DESCRIPTION_MAX_LENGTH,
        validators=[PublicTextValidator(DESCRIPTION_MAX_LENGTH)],
    )
    photo = models.ImageField(_("photo"), upload_to="grid/%Y/%m/", blank=True)
    place = models.CharField(
        _("place"),
        max_length=100,
        blank=True,
        help_text=_("A coarse place, such as a group or a road."),
        validators=[PublicTextValidator(100)],
    )
    address = models.CharField(_("exact address"), max_length=200, blank=True, help_text=_("Never shown publicly."))
    lat = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    long = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    show_publicly = models.BooleanField(_("may be shown publicly without my name"), default=False)

    status = models.CharField(
        _("status"), max_length=12, choices=workflow.STATUS_CHOICES, default=workflow.RECEIVED, db_index=True
    )
    platform = models.CharField(_("platform"), max_length=10, choices=PLATFORM_CHOICES, blank=True)
    department = models.CharField(_("department"), max_length=100, blank=True)
    level = models.CharField(_("level"), max_length=10, choices=workflow.LEVEL_CHOICES, default="village")
    reopen_count = models.PositiveSmallIntegerField(default=0)
    rating = models.CharField(_("satisfaction"), max_length=12, choices=workflow.RATING_CHOICES, blank=True)
    # A handler's note, shown publicly (the request list, Open311): the rule of public text (docs/privacy.md).
    status_notes = models.CharField(_("latest note"), max_length=500, blank=True, validators=[PublicTextValidator(500)])

    received_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    accept_due = models.DateTimeField(_("to be accepted by"), null=True)
    resolve_due = models.DateTimeField(_("to be resolved by"), null=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    supervised_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = ResidentRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("resident request")
        verbose_name_plural = _("resident requests")
        ordering = ["-received_at", "-pk"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.category_id} {self.village_id}"

    def is_overdue(self, now=None) -> bool:
        now = now or timezone.now()
        if self.status == workflow.RECEIVED:
            return self.accept_due is not None and now > self.accept_due
        if self.status in workflow.OPEN_STATES:
            return self.resolve_due is not None and now > self.resolve_due
        return False

    @property
    def open311_status(self) -> str:
        return workflow.OPEN311_STATUS[self.status]


class RequestEvent(models.Model):
    request = models.ForeignKey(ResidentRequest, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20)
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    by_label = models.CharField(max_length=60, blank=True, help_text="Role shown to the resident, e.g. 网格员.")
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.action} {self.at:%Y-%m-%d %H:%M}"

    @property
    def action_label(self) -> str:
        if self.action == "file":
            return str(_("Request received"))
        if self.action == "rate" and self.to_status == workflow.IN_PROGRESS:
            return str(_("Not satisfied: looked at again"))
        transition = workflow.TRANSITIONS.get(self.action)
        return str(transition.label) if transition else self.action
