"""A chooser for linking a council member to a Resident: it lists only the residents of the editor's villages.

The term form checks again that the resident belongs to the council's own village (admin_forms), since a
county administrator or a committee of two villages sees more than one village here.
"""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView, ChosenView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from residents.models import Resident
from residents.rules import committee_villages


class ResidentFilterForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Name or household number"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Name or household number")}),
    )

    def filter(self, objects):
        query = self.cleaned_data.get("q")
        if query:
            self.is_searching, self.search_query = True, query
            objects = objects.filter(
                Q(real_name__icontains=query) | Q(display_name__icontains=query) | Q(household_number=query)
            )
        return objects


def scoped_residents(user):
    if not user.is_authenticated:
        return Resident.objects.none()
    residents = Resident.objects.filter(deleted_at__isnull=True).select_related("village")
    return residents if user.is_superuser else residents.filter(village__in=committee_villages(user))


class ScopedListingMixin:
    filter_form_class = ResidentFilterForm
    ordering = ["village__name", "real_name", "pk"]

    def get_object_list(self):
        return scoped_residents(self.request.user)

    @property
    def columns(self):
        title = self.title_column
        title.label = _("public display name")
        return [
            title,
            Column("real_name", label=_("real name")),
            Column("household_number", label=_("household number")),
            Column("village", label=_("village"), accessor=lambda resident: resident.village.name),
        ]


class ResidentChooseView(ScopedListingMixin, ChooseView):
    pass


class ResidentChooseResultsView(ScopedListingMixin, ChooseResultsView):
    pass


class ResidentChosenView(ChosenView):
    def get_object(self, pk):
        return scoped_residents(self.request.user).get(pk=pk)


class ResidentChooserViewSet(ChooserViewSet):
    model = Resident
    icon = "user"
    choose_one_text = _("Choose a resident")
    choose_another_text = _("Choose another resident")
    choose_view_class = ResidentChooseView
    choose_results_view_class = ResidentChooseResultsView
    chosen_view_class = ResidentChosenView
    # Registering the widget for every Resident foreign key would reach other apps' forms.
    register_widget = False


resident_chooser_viewset = ResidentChooserViewSet("council_resident_chooser", url_prefix="council/choose-resident")
