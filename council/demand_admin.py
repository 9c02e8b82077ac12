"""Admin for the committee: the demands of its villages, paper signatures typed in, the meeting called linked."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.admin_lists import paginate
from residents.models import Resident
from residents.rules import committee_villages

from . import demand_rules, demand_services
from .choosers import resident_chooser_viewset
from .demand_views import SIGNED, demand_url
from .models import Meeting, MeetingDemand


class PaperSignatureForm(forms.Form):
    resident = forms.ModelChoiceField(
        Resident.objects.none(),
        label=gettext_lazy("Resident who signed the paper sheet"),
        widget=resident_chooser_viewset.widget_class,
    )


class LinkMeetingForm(forms.Form):
    meeting = forms.ModelChoiceField(Meeting.objects.none(), label=gettext_lazy("Meeting called"))


def demands(request):
    rows = (
        MeetingDemand.objects.filter(village__in=committee_villages(request.user))
        .select_related("village", "meeting")
        .annotate(signed=SIGNED)
        .order_by("-created_at", "-pk")
    )
    page = paginate(request, rows)
    return TemplateResponse(request, "council/admin/demands.html", {"demands": page, "page_obj": page})


def demand(request, pk: int):
    item = get_object_or_404(
        MeetingDemand.objects.filter(village__in=committee_villages(request.user)).annotate(signed=SIGNED), pk=pk
    )
    paper = PaperSignatureForm(request.POST if "resident" in request.POST else None)
    paper.fields["resident"].queryset = Resident.objects.filter(village=item.village, deleted_at__isnull=True)
    link = LinkMeetingForm(request.POST if "meeting" in request.POST else None)
    link.fields["meeting"].queryset = Meeting.objects.filter(village=item.village, kind=item.meeting_kind)
    status = 200
    if request.method == "POST":
        status = 400
        form = paper if "resident" in request.POST else link
        if form.is_valid():
            try:
                if form is paper:
                    demand_services.enter_paper_signature(request.user, item, form.cleaned_data["resident"])
                    done = _("The paper signature is counted, entered by you.")
                else:
                    demand_services.link_meeting(request.user, item, form.cleaned_data["meeting"])
                    done = _("The meeting is linked to the demand.")
            except PermissionDenied as error:
                form.add_error(None, str(error))
                status = 403
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
                status = 409
            else:
                messages.success(request, done)
                return redirect("council_demand", item.pk)
    signatures = item.signatures.filter(withdrawn_at__isnull=True).select_related("resident", "entered_by")
    context = {
        "demand": item,
        "threshold_text": demand_rules.threshold_text(item.kind, item.base),
        "signatures": signatures,
        "paper_form": paper if not item.is_met else None,
        "link_form": link if item.is_met and not item.is_audit else None,
        "public_url": demand_url(item),
    }
    return TemplateResponse(request, "council/admin/demand.html", context, status=status)
