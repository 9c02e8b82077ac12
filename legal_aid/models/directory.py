"""The county directory of legal services, filterable by village and kind with a plain GET form."""

from typing import Any

from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from home.blocks import BodyBlock
from home.models import IndexPage, Village

from .contacts import LegalAidContact, LegalAidKind

CONTACTS_PER_PAGE = 20


class ContactSerializer(serializers.ModelSerializer):
    villages = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")

    class Meta:
        model = LegalAidContact
        fields = ["kind", "name", "phone", "address", "reception_hours", "villages"]


class ContactsField(serializers.Field):
    def to_representation(self, value):
        return ContactSerializer(value.prefetch_related("villages"), many=True).data


def filter_contacts(params: Any, villages: list[Village]) -> tuple[Any, dict[str, Any], list[str]]:
    """Contacts matching the GET parameters, the valid choices kept, and a message for each ignored parameter."""
    contacts = LegalAidContact.objects.prefetch_related("villages").order_by("kind", "name", "pk")
    chosen: dict[str, Any] = {"village": None, "kind": ""}
    ignored: list[str] = []
    code = params.get("village", "")
    if code:
        village = next((v for v in villages if v.code == code), None)
        if village is None:
            message = _("There is no village “%(value)s” in this county, so all villages are shown.")
            ignored.append(message % {"value": code[:40]})
        else:
            chosen["village"] = village
            # Services open to the whole county serve this village too.
            contacts = contacts.filter(Q(villages=village) | Q(villages__isnull=True)).distinct()
    kind = params.get("kind", "")
    if kind:
        if kind in LegalAidKind.values:
            chosen["kind"] = kind
            contacts = contacts.filter(kind=kind)
        else:
            message = _("“%(value)s” is not a kind of legal service, so all kinds are shown.")
            ignored.append(message % {"value": kind[:40]})
    return contacts, chosen, ignored


class LegalAidDirectoryPage(IndexPage):
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=gettext_lazy("introduction below the title"),
        help_text=gettext_lazy("Optional text above the directory. Contacts are edited under Legal aid contacts."),
    )

    content_panels = IndexPage.content_panels + [FieldPanel("body")]
    search_fields = IndexPage.search_fields + [index.SearchField("body")]
    api_fields = IndexPage.api_fields + [
        APIField("body"),
        APIField("contacts", serializer=ContactsField(source="all_contacts")),
    ]

    parent_page_types = ["home.PortalHomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = gettext_lazy("legal aid directory page")

    @property
    def all_contacts(self):
        return LegalAidContact.objects.order_by("kind", "name", "pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        villages = list(Village.objects.order_by("township", "name"))
        contacts, chosen, ignored = filter_contacts(request.GET, villages)
        page_obj = Paginator(contacts, CONTACTS_PER_PAGE).get_page(request.GET.get("page"))
        query = {"village": chosen["village"].code if chosen["village"] else "", "kind": chosen["kind"]}
        query = {key: value for key, value in query.items() if value}
        context.update(
            villages=villages,
            kinds=LegalAidKind.choices,
            chosen=chosen,
            ignored=ignored,
            contacts=page_obj,
            filter_query=urlencode(query),
        )
        return context
