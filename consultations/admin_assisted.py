"""Help at the village office (assisted participation): committee staff enter a proposal, a support, a comment
or a council proposal for a resident of their own village, who may have no account (the offline register).

One form: the resident, what to enter, and its fields; a refused form keeps what was typed. The services check
who may (residents.rules.can_enter_for_resident) and everything the resident's own action is checked for."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home import translations
from home.ids import as_id
from portal.admin_lists import page_size
from residents.models import Resident
from residents.rules import committee_villages

from . import phases, services
from .admin_views import _village_paths, attach_villages
from .models import ConsultationPage, Proposal

KINDS = {
    "proposal": gettext_lazy("A proposal to a consultation"),
    "support": gettext_lazy("Support for a proposal"),
    "comment": gettext_lazy("A comment on a consultation"),
    "council": gettext_lazy("A proposal to the villager council"),
}
ACTION_OF = {"proposal": "submit_proposal", "support": "support", "comment": "comment"}
CONSULTATIONS_SHOWN = 30


def _open_consultations(user) -> list[ConsultationPage]:
    """The committee's live consultations (record pages) in which some resident action is open now."""
    now = timezone.now()
    pages = list(
        ConsultationPage.objects.live()
        .filter(_village_paths(user, field="path"), locale_id=translations.default_locale_id())
        .order_by("-first_published_at", "-pk")[: CONSULTATIONS_SHOWN * 2]
    )
    open_now = [p for p in pages if any(phases.allows(p.phase_at(now), a) for a in ACTION_OF.values())]
    open_now = open_now[:CONSULTATIONS_SHOWN]
    attach_villages(open_now)
    return open_now


def _residents(user, values) -> tuple[list[Resident], bool, str]:
    """One page of the residents found, limited in the database. In the order of the (village, household number)
    index, not by village name: that sorted every verified resident of the county before the first page."""
    residents = Resident.objects.filter(
        village__in=committee_villages(user), verification=Resident.Verification.VERIFIED, deleted_at__isnull=True
    ).select_related("village").order_by("village_id", "household_number", "pk")  # fmt: skip
    find = values.get("find", "").strip()[:60]
    found = residents.filter(Q(household_number__startswith=find) | Q(real_name__icontains=find)) if find else residents
    shown = list(found[: page_size() + 1])
    more = len(shown) > page_size()
    shown = shown[: page_size()]
    picked = as_id(values.get("resident"))
    if picked and all(r.pk != picked for r in shown):
        shown += list(residents.filter(pk=picked))  # the resident of a refused form stays chosen
    return shown, more, find


def _enter(request, kind: str, resident: Resident, consultation, proposal, values):
    title, text = values.get("title", ""), values.get("text", "")
    if kind == "council":
        from council.services import submit_proposal_for

        return submit_proposal_for(request.user, resident, title, text)
    if consultation is None:
        raise services.ConsultationError(_("Please choose a consultation."))
    if kind == "proposal":
        return services.submit_proposal_for(
            consultation, resident, request.user, title=title, text=text, location_note=values.get("location_note", "")
        )
    if kind == "support":
        if proposal is None:
            raise services.ConsultationError(_("Please choose the proposal the resident supports."))
        return services.support_for(proposal, resident, request.user)
    return services.add_comment_for(consultation, resident, request.user, text, proposal=proposal)


def assisted_entry(request):
    """Enter one contribution for one resident at the office."""
    if not request.user.has_perm("residents.manage_village"):  # a committee of some village (object: None)
        raise PermissionDenied
    values = request.POST if request.method == "POST" else request.GET
    residents, more_residents, find = _residents(request.user, values)
    consultations = _open_consultations(request.user)
    consultation = next((p for p in consultations if str(p.pk) == values.get("consultation")), None)
    proposals = (
        list(Proposal.objects.filter(page=consultation, status=Proposal.Status.SUBMITTED).order_by("-created_at")[:50])
        if consultation
        else []
    )
    proposal = next((p for p in proposals if str(p.pk) == values.get("proposal")), None)
    kind = values.get("kind", "") if values.get("kind") in KINDS else ""
    status = 200
    if request.method == "POST":
        resident = next((r for r in residents if str(r.pk) == values.get("resident")), None)
        if resident is None or not kind:
            messages.error(request, _("Please choose a resident and what to enter for them."))
            status = 400
        elif not request.user.has_perm("residents.enter_on_behalf", resident):
            raise PermissionDenied
        else:
            try:
                _enter(request, kind, resident, consultation, proposal, values)
            except (services.ConsultationError, PermissionDenied) as error:
                messages.error(request, str(error))
                status = 400
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                status = 400
            else:
                messages.success(
                    request,
                    _("Entered for %(name)s, with your name as the member of staff who entered it.")
                    % {"name": resident.real_name or resident.public_name},
                )
                return redirect(reverse("consultations_admin:assisted"))
    return TemplateResponse(
        request,
        "consultations/admin/assisted_entry.html",
        {
            "kinds": list(KINDS.items()),
            "kind": kind,
            "residents": residents,
            "more_residents": more_residents,
            "find": find,
            "consultations": consultations,
            "consultation": consultation,
            "proposals": proposals,
            "values": values,
        },
        status=status,
    )
