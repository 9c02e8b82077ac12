"""The committee's outcome screen in the Wagtail admin, per village: proposal status with a public reason,
passing a proposal on to the villager council, and follow-up updates (decision, planned, in progress, done)."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from home import translations
from home.village_paths import under_villages
from portal.admin_lists import paginate
from residents.rules import committee_villages

from . import committee, services
from .models import ConsultationPage, FollowUp, Proposal


def _pages(user):
    """Consultations under the villages whose committee the user sits on, each once (its record page: the
    proposals and follow-up of all three language trees hang off it)."""
    query = under_villages(committee_villages(user))
    return ConsultationPage.objects.filter(query, locale_id=translations.default_locale_id())


def consultations(request):
    if not committee_villages(request.user).exists():
        raise PermissionDenied
    page_obj = paginate(request, _pages(request.user).order_by("-first_published_at", "-pk"))
    return TemplateResponse(
        request, "consultations/admin/outcomes_index.html", {"pages": page_obj, "page_obj": page_obj}
    )


def _parse_date(raw: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        return None


def outcome(request, page_id: int):
    """One consultation: its proposals with status and council actions, and its follow-up record."""
    if not committee_villages(request.user).exists():
        raise PermissionDenied
    page = get_object_or_404(_pages(request.user), pk=page_id)
    values = request.POST if request.method == "POST" else {}
    status = 200
    if request.method == "POST":
        try:
            _act(request, page, values)
        except services.ConsultationError as error:
            messages.error(request, str(error))
            status = 400
        else:
            return redirect("consultations_admin:outcome", page_id=page.pk)
    proposals = (
        Proposal.objects.filter(page=page)
        .exclude(status=Proposal.Status.WITHDRAWN)
        .select_related("author", "council_proposal")
        .order_by("-support_count", "-pk")
    )
    context = {
        "page": page,
        "proposals": proposals,
        "follow_ups": FollowUp.objects.filter(page=page).select_related("proposal").order_by("date", "pk"),
        "statuses": [
            (value, label)
            for value, label in Proposal.Status.choices
            if value in (Proposal.Status.SELECTED, Proposal.Status.MERGED, Proposal.Status.NOT_ADOPTED)
        ],
        "stages": FollowUp.Stage.choices,
        "selected": [p for p in proposals if p.status == Proposal.Status.SELECTED],
        "values": values,
        "today": datetime.date.today().isoformat(),
    }
    return TemplateResponse(request, "consultations/admin/outcome.html", context, status=status)


def _act(request, page: ConsultationPage, values) -> None:
    action = values.get("action")
    if action in ("status", "escalate"):
        proposal = Proposal.objects.filter(page=page, pk=values.get("proposal") or 0).first()
        if proposal is None:
            raise services.ConsultationError(_("Please choose from the options shown."))
        proposal.page = page
        if action == "status":
            services.set_proposal_status(proposal, values.get("status", ""), values.get("reason", ""), request.user)
            messages.success(request, _("The status is published with your reason."))
        else:
            url = request.build_absolute_uri(f"{page.url}#proposal-{proposal.pk}") if page.url else ""
            committee.escalate_proposal(proposal, request.user, source_url=url)
            messages.success(request, _("The proposal was passed on to the villager council."))
    elif action == "follow_up":
        proposal = None
        if values.get("proposal"):
            proposal = Proposal.objects.filter(page=page, pk=values.get("proposal")).first()
            if proposal is None:
                raise services.ConsultationError(_("Please choose from the options shown."))
        committee.add_follow_up(
            page,
            request.user,
            stage=values.get("stage", ""),
            date=_parse_date(values.get("date", "")),
            text=values.get("text", ""),
            proposal=proposal,
        )
        messages.success(request, _("The update is published on the consultation page."))
    else:
        raise services.ConsultationError(_("Please choose an action."))
