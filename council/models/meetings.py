"""Meetings of the four kinds, their agenda, attendance and motions, and the assembly's delegations.

A meeting freezes the register figures it is judged by when it is recorded (DOMAIN.md §2): changing the
village register afterwards never changes whether a past meeting was valid.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField

from home.models import Village

from .. import quorum


class ReservedMatter(models.TextChoices):
    """Matters only the assembly (or the representatives under its delegation) may decide: VCOL art. 24."""

    CADRE_ALLOWANCES = "allowances", _("Allowances for village cadres")
    COLLECTIVE_INCOME = "income", _("Use of collective income")
    PUBLIC_WORKS = "public_works", _("Public works, fundraising or labour plans")
    LAND_CONTRACTING = "land_contracting", _("Land contracting")
    COLLECTIVE_PROJECTS = "projects", _("Collective economic projects")
    HOMESTEADS = "homesteads", _("Homestead plans")
    LAND_COMPENSATION = "compensation", _("Use of land compensation")
    COLLECTIVE_PROPERTY = "property", _("Disposal of collective property")


class Meeting(ClusterableModel):
    class Kind(models.TextChoices):
        COUNCIL = quorum.COUNCIL, _("Council meeting (理事会会议)")
        ASSEMBLY = quorum.ASSEMBLY, _("Village assembly (村民会议)")
        REPRESENTATIVES = quorum.REPRESENTATIVES, _("Representatives' meeting (村民代表会议)")
        GROUP = quorum.GROUP, _("Villager-group meeting (村民小组会议)")

    class CalledBy(models.TextChoices):
        REGULAR = "regular", _("Regular meeting")
        VILLAGERS_TENTH = "villagers", _("Demanded by one tenth of the villagers")
        REPRESENTATIVES_FIFTH = "reps_fifth", _("Demanded by one fifth of the representatives")
        REPRESENTATIVES_THIRD = "reps_third", _("Demanded by one third of the representatives")

    village = models.ForeignKey(Village, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("village"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=120)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=120, blank=True)
    convener = models.CharField(_("convener"), max_length=60, blank=True)
    called_by = models.CharField(_("how it was called"), max_length=12, choices=CalledBy.choices, default="regular")
    demanded_by = models.TextField(
        _("demanded by"), blank=True, help_text=_("Who demanded the meeting and how many signed.")
    )
    group_name = models.CharField(
        _("villager group"), max_length=40, blank=True, help_text=_("For a villager-group meeting: 第三村民小组.")
    )
    # Frozen from the register (or, for a villager group, entered from the group's own roll).
    eligible_adults = models.PositiveIntegerField(_("adults on the register"), default=0)
    eligible_households = models.PositiveIntegerField(_("households on the register"), default=0)
    eligible_representatives = models.PositiveIntegerField(_("representatives on the register"), default=0)
    eligible_members = models.PositiveIntegerField(_("voting council members"), default=0)
    register_frozen_on = models.DateField(_("register figures frozen on"), null=True, blank=True, editable=False)
    register_as_of = models.DateField(_("register figures in force from"), null=True, blank=True, editable=False)
    # Counts present: persons (adults, representatives or members by kind) and, for assemblies, households.
    present_persons = models.PositiveIntegerField(_("persons present"), default=0)
    present_households = models.PositiveIntegerField(_("households represented"), default=0)
    minutes = RichTextField(_("minutes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("village"),
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("place"), FieldPanel("convener")]),
        MultiFieldPanel([FieldPanel("called_by"), FieldPanel("demanded_by")], heading=_("How it was called")),
        MultiFieldPanel(
            [FieldPanel("present_persons"), FieldPanel("present_households")], heading=_("Present (counts)")
        ),
        MultiFieldPanel(
            [FieldPanel("group_name"), FieldPanel("eligible_adults"), FieldPanel("eligible_households")],
            heading=_("Villager group roll"),
            help_text=_(
                "Only for a villager-group meeting: the group's adults and households. For the other kinds the "
                "figures are taken from the village register when the meeting is first saved, and kept."
            ),
        ),
        InlinePanel("agenda", heading=_("Agenda"), label=_("Agenda item")),
        InlinePanel(
            "attendance",
            heading=_("Attendance sheet"),
            label=_("Attendance"),
            help_text=_(
                "For a council meeting, tick the members present with “Tick who came” in the list of meetings; "
                "type names here only for guests, or for the sign-in sheet of another kind of meeting."
            ),
        ),
        FieldPanel("minutes"),
        InlinePanel("attachments", heading=_("Attachments"), label=_("Attachment")),
    ]

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.date} {self.title}"

    @property
    def eligible(self) -> quorum.Eligible:
        return quorum.Eligible(
            adults=self.eligible_adults,
            households=self.eligible_households,
            representatives=self.eligible_representatives,
            members=self.eligible_members,
        )

    @property
    def present(self) -> quorum.Present:
        return quorum.Present(persons=self.present_persons, households=self.present_households)

    @property
    def expected(self) -> int:
        return {
            quorum.ASSEMBLY: self.eligible_adults,
            quorum.REPRESENTATIVES: self.eligible_representatives,
            quorum.GROUP: self.eligible_adults,
            quorum.COUNCIL: self.eligible_members,
        }[self.kind]


class MeetingAttachment(models.Model):
    meeting = ParentalKey(Meeting, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name=_("document")
    )
    title = models.CharField(_("title"), max_length=120, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta:
        verbose_name = _("attachment")

    def __str__(self) -> str:
        return self.title or str(self.document)


class AgendaItem(models.Model):
    meeting = ParentalKey(Meeting, on_delete=models.CASCADE, related_name="agenda", verbose_name=_("meeting"))
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    reserved_matter = models.CharField(
        _("reserved matter (VCOL art. 24)"),
        max_length=20,
        blank=True,
        choices=ReservedMatter.choices,
        help_text=_("Only the village assembly, or the representatives under its delegation, decides these."),
    )

    panels = [FieldPanel("title"), FieldPanel("reserved_matter"), FieldPanel("description")]

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    """One line of the attendance sheet; assemblies record counts on the meeting instead."""

    meeting = ParentalKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    name = models.CharField(_("name"), max_length=40)
    member = models.ForeignKey("council.CouncilMember", null=True, blank=True, on_delete=models.SET_NULL)
    present = models.BooleanField(_("present"), default=True)
    note = models.CharField(_("note"), max_length=80, blank=True, help_text=_("For example 请假 (excused)."))

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("present"), FieldPanel("note")])]

    class Meta:
        verbose_name = _("attendance")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class Delegation(models.Model):
    """The assembly authorises the representatives' meeting to decide a reserved matter (VCOL art. 24)."""

    village = models.ForeignKey(
        Village, on_delete=models.CASCADE, related_name="delegations", verbose_name=_("village")
    )
    matter = models.CharField(_("reserved matter"), max_length=20, choices=ReservedMatter.choices)
    granted_by = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"kind": quorum.ASSEMBLY},
        verbose_name=_("granted by the assembly of"),
    )
    starts_on = models.DateField(_("valid from"))
    ends_on = models.DateField(_("valid until"), null=True, blank=True)
    scope = models.TextField(_("scope"), blank=True)

    class Meta:
        verbose_name = _("delegation by the assembly")
        verbose_name_plural = _("delegations by the assembly")

    def __str__(self) -> str:
        return f"{self.get_matter_display()} ({self.starts_on})"


class Motion(models.Model):
    # PROTECT: a recorded vote is archived (VCOL art. 34); removing its agenda item is refused, never cascaded.
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="motions")
    text = models.TextField(_("motion"))
    yes = models.PositiveIntegerField(_("in favour"), default=0)
    no = models.PositiveIntegerField(_("against"), default=0)
    abstain = models.PositiveIntegerField(_("abstentions"), default=0)
    # Set by services.record_motion from the frozen figures; never edited by hand.
    valid = models.BooleanField(default=False, editable=False)
    passed = models.BooleanField(default=False, editable=False)
    advisory = models.BooleanField(default=False, editable=False)
    delegation = models.ForeignKey(Delegation, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    resolution = models.ForeignKey(
        "notices.NoticePage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("motion")
        verbose_name_plural = _("motions")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def counts(self) -> quorum.Counts:
        return quorum.Counts(yes=self.yes, no=self.no, abstain=self.abstain)

    def result(self, rule: quorum.CouncilRule | None = None) -> quorum.Result:
        """Recomputed from frozen numbers only, so the words follow the reader's language."""
        meeting = self.agenda_item.meeting
        return quorum.evaluate(
            meeting.kind,
            meeting.eligible,
            meeting.present,
            self.counts,
            rule=rule,
            reserved=bool(self.agenda_item.reserved_matter),
            delegated=self.delegation_id is not None,
        )


class RollCallVote(models.Model):
    class Vote(models.TextChoices):
        YES = "yes", _("In favour")
        NO = "no", _("Against")
        ABSTAIN = "abstain", _("Abstained")

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="roll_call")
    member = models.ForeignKey("council.CouncilMember", on_delete=models.PROTECT, related_name="+")
    vote = models.CharField(_("vote"), max_length=8, choices=Vote.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["motion", "member"], name="council_one_roll_call_vote")]

    def __str__(self) -> str:
        return f"{self.member_id}: {self.vote}"
