"""The top of the page tree: the county portal and one page per village."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import RICH_TEXT_FEATURES
from home.privacy.guard import PersonalDataGuardForm
from home.village_list import village_list

from .base import PORTAL_PROMOTE_PANELS, SlugFromTitleMixin
from .villages import Village
from .visibility import without_restricted

# A published page may not show a personal mobile number in full (PIPL; DOMAIN.md §5), so committee
# contacts take an office landline or a service hotline.
MOBILE_NUMBER = r"1[3-9]\d{9}"
office_phone_validator = RegexValidator(
    regex=rf"^(?!.*(?<!\d){MOBILE_NUMBER}(?!\d))[0-9()\-\s]{{3,20}}$",
    message=_(
        "Enter an office landline or hotline such as 0371-6123 4567. Personal mobile numbers may not be published."
    ),
)


class PortalHomePage(SlugFromTitleMixin, Page):
    """The county or township portal: the villages it serves and the county-wide services."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    county_name = models.CharField(_("county or township"), max_length=60)

    content_panels = Page.content_panels + [FieldPanel("county_name"), FieldPanel("intro")]
    promote_panels = PORTAL_PROMOTE_PANELS
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("county_name"), APIField("intro")]
    base_form_class = PersonalDataGuardForm

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.VillagePage",
        "legal_aid.LegalAidDirectoryPage",
        "legal_aid.LegalEducationIndexPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("portal home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["village_list"] = village_list(self, request)
        context["services"] = without_restricted(self.get_children().live()).not_type(VillagePage)
        return context


class VillageSerializer(serializers.ModelSerializer):
    class Meta:
        model = Village
        fields = ["code", "division_code", "name", "township", "adult_villagers", "households", "representatives"]


class VillagePage(SlugFromTitleMixin, Page):
    """A village's own section. Created with its Village (home.services.provision_village), not by hand."""

    village = models.ForeignKey(Village, on_delete=models.PROTECT, related_name="pages", verbose_name=_("village"))
    intro = RichTextField(_("village profile"), blank=True, features=RICH_TEXT_FEATURES)
    office_address = models.CharField(_("committee office address"), max_length=200, blank=True)
    office_hours = models.CharField(_("office hours"), max_length=200, blank=True)
    office_phone = models.CharField(_("office phone"), max_length=20, blank=True, validators=[office_phone_validator])

    content_panels = Page.content_panels + [
        FieldPanel("village", read_only=True),
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("office_address"), FieldPanel("office_hours"), FieldPanel("office_phone")],
            heading=_("Village committee office"),
        ),
        InlinePanel("contacts", heading=_("Committee contacts"), label=_("Contact")),
    ]
    promote_panels = PORTAL_PROMOTE_PANELS
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [
        APIField("village", serializer=VillageSerializer()),
        APIField("intro"),
        APIField("office_address"),
        APIField("office_hours"),
        APIField("office_phone"),
        APIField("contacts"),
    ]
    base_form_class = PersonalDataGuardForm

    parent_page_types = ["home.PortalHomePage"]
    subpage_types = [
        "notices.NoticeIndexPage",
        "village_rules.VillageRulesPage",
        "consultations.ConsultationIndexPage",
        "council.CouncilPage",
    ]
    # Editors create a Village in the register; its page and sections follow from that.
    is_creatable = False
    # home.routing reads the village with the page: the page shows its register figures.
    route_select_related = ("village",)

    class Meta:
        verbose_name = _("village page")

    def get_context(self, request, *args, **kwargs):
        from .sections import village_sections

        context = super().get_context(request, *args, **kwargs)
        context.update(village_sections(self, request))
        return context


class CommitteeContact(Orderable):
    page = ParentalKey(VillagePage, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=40)
    role = models.CharField(_("role"), max_length=60, help_text=_("For example 村党支部书记 or 村委会主任."))
    phone = models.CharField(_("office phone"), max_length=20, blank=True, validators=[office_phone_validator])

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("phone")]
    api_fields = [APIField("name"), APIField("role"), APIField("phone")]

    class Meta(Orderable.Meta):
        verbose_name = _("committee contact")

    def __str__(self) -> str:
        return f"{self.role} {self.name}"
