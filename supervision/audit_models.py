"""Economic responsibility audit reports (经济责任审计, VCOL art. 35), published on the village's notice board.

An audit report is a notice (a NoticePage of its own type, under the village's notice index): it is listed,
archived, printed and fed like every notice, its text and attachments go through the same checks (the personal-data
guard on every publish route, the document checks on upload), and it is never deleted (art. 34). It adds what an
audit report must say: which kind of audit, who audited (the township or a county department), the period audited,
the matters audited (the six of art. 35) and the findings.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from home.privacy.resident_text import PublicTextValidator
from notices.models import NoticePage

FINDINGS_MAX_LENGTH = 4000

# VCOL art. 35's list of what the audit covers, in its order: (field, label).
MATTERS = (
    ("audits_finances", _("The village's income and expenditure")),
    ("audits_debts", _("The village's claims and debts")),
    ("audits_public_funds", _("Government funds and donated money or goods")),
    ("audits_contracts", _("Contracts of production and construction projects, and tenders for public works")),
    (
        "audits_assets",
        _("Village funds, collective assets and resources, and the use of land-requisition compensation"),
    ),
    ("audits_demanded", _("A matter that one fifth or more of the villagers demanded to have audited")),
)


class AuditReportPage(NoticePage):
    class Kind(models.TextChoices):
        TERM = "term", _("Term audit (任期审计)")
        DEPARTURE = "departure", _("Departure audit (离任审计)")
        DEMANDED = "demanded", _("Audit of a matter demanded by villagers")

    class Auditor(models.TextChoices):
        TOWNSHIP = "township", _("Township government")
        COUNTY = "county", _("County agriculture or finance department")

    audit_kind = models.CharField(_("kind of audit"), max_length=12, choices=Kind.choices)
    auditor_level = models.CharField(_("audited by"), max_length=12, choices=Auditor.choices)
    auditor = models.CharField(
        _("auditing body"),
        max_length=120,
        validators=[PublicTextValidator(120)],
        help_text=_("The township or county body that carried out the audit, e.g. 某某县农业农村局."),
    )
    audited_office = models.CharField(
        _("whose economic responsibility"),
        max_length=120,
        blank=True,
        help_text=_("The office audited, e.g. the committee chair for the 2021–2026 term."),
    )
    audited_from = models.DateField(_("period audited from"))
    audited_to = models.DateField(_("period audited to"))
    audits_finances = models.BooleanField(MATTERS[0][1], default=False)
    audits_debts = models.BooleanField(MATTERS[1][1], default=False)
    audits_public_funds = models.BooleanField(MATTERS[2][1], default=False)
    audits_contracts = models.BooleanField(MATTERS[3][1], default=False)
    audits_assets = models.BooleanField(MATTERS[4][1], default=False)
    audits_demanded = models.BooleanField(MATTERS[5][1], default=False)
    demanded_matter = models.CharField(
        _("the matter demanded"), max_length=120, blank=True, validators=[PublicTextValidator(120)]
    )
    demand = models.ForeignKey(
        "council.MeetingDemand",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("villagers' demand for this audit"),
        limit_choices_to={"kind": "audit_villagers"},
    )
    findings = models.TextField(
        _("findings"),
        max_length=FINDINGS_MAX_LENGTH,
        help_text=_("What the auditors found and what must be corrected. Leave out ID, phone and account numbers."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("category"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("audit_kind"), FieldPanel("auditor_level")]),
                FieldPanel("auditor"),
                FieldPanel("audited_office"),
                FieldRowPanel([FieldPanel("audited_from"), FieldPanel("audited_to")]),
            ],
            heading=_("The audit"),
        ),
        MultiFieldPanel(
            [FieldPanel(name) for name, _label in MATTERS] + [FieldPanel("demanded_matter"), FieldPanel("demand")],
            heading=_("Matters audited (VCOL art. 35)"),
        ),
        FieldPanel("findings"),
        MultiFieldPanel([FieldPanel("posted_until"), FieldPanel("pinned")], heading=_("Posting")),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", heading=_("Attachments"), label=_("Attachment")),
    ]
    search_fields = NoticePage.search_fields + [
        index.SearchField("auditor"),
        index.SearchField("findings"),
        index.FilterField("audit_kind"),
    ]
    api_fields = NoticePage.api_fields + [
        APIField("audit_kind"),
        APIField("auditor_level"),
        APIField("auditor"),
        APIField("audited_office"),
        APIField("audited_from"),
        APIField("audited_to"),
        APIField("matters_audited"),
        APIField("demanded_matter"),
        APIField("findings"),
    ]

    parent_page_types = ["notices.NoticeIndexPage"]
    subpage_types: list[str] = []
    template = "supervision/audits/audit_report_page.html"

    class Meta:
        verbose_name = _("economic responsibility audit report")
        verbose_name_plural = _("economic responsibility audit reports")

    @property
    def matters_audited(self) -> list[str]:
        """The labels of the matters audited, in art. 35's order; the demanded matter named."""
        labels = [str(label) for name, label in MATTERS if getattr(self, name)]
        if self.audits_demanded and self.demanded_matter:
            labels[-1] = f"{labels[-1]}: {self.demanded_matter}"
        return labels

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.audited_from and self.audited_to and self.audited_to < self.audited_from:
            errors["audited_to"] = _("The period audited cannot end before it starts.")
        if not any(getattr(self, name) for name, _label in MATTERS):
            errors["audits_finances"] = _("Tick at least one of the matters audited (VCOL art. 35).")
        if self.audit_kind == self.Kind.DEMANDED and not (self.audits_demanded and self.demanded_matter):
            errors["demanded_matter"] = _("Name the matter the villagers demanded to have audited.")
        village = self.village_of_page() if self.demand_id else None
        if village is not None and self.demand.village_id != village.pk:
            errors["demand"] = _("Choose a demand of this village.")
        if errors:
            raise ValidationError(errors)

    def village_of_page(self):
        """The village whose notice board this is (the village page above the notice index)."""
        from home.models import VillagePage

        parent = self.get_parent() if self.pk else None  # a new page has no place in the tree before it is added
        if parent is None:
            return None
        page = VillagePage.objects.filter(path=parent.path[: VillagePage.steplen * 3]).select_related("village")
        found = page.first()
        return found.village if found is not None else None
