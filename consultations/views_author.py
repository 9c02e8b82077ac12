"""The author edits or withdraws their own proposal until the deliberation phase opens (plain forms, no script).

Kept apart from views.py so that the submission views and these stay small. The checks here only decide what
to show; services.edit_proposal and services.withdraw_proposal check the author and the phase again on save.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from home.ids import as_id
from home.sanitizer import html_to_plain_text
from portal.ratelimit import rate_limited

from . import phases, photos, services
from .models import ConsultationPage, Proposal
from .rules import is_proposal_author
from .views import _gate, _page, _resident, proposal_input_error

FIELDS = ("title", "text", "location_note")


def _proposal(page: ConsultationPage, proposal_id: int) -> Proposal:
    if as_id(proposal_id) is None:
        raise Http404  # 2**63 in the path was an OverflowError, not "not found"
    proposal = get_object_or_404(Proposal.objects.select_related("photo"), pk=proposal_id, page=page.records)
    proposal.page = page.records  # one page object, one village lookup
    return proposal


def _refusal(request: HttpRequest, page: ConsultationPage, proposal: Proposal, *, editing: bool) -> str | None:
    """Why this user may not change this proposal now, or None."""
    if not is_proposal_author(request.user, proposal):
        return _("Only the author can change this proposal.")
    if proposal.status == Proposal.Status.WITHDRAWN:
        return _("You have already withdrawn this proposal.")
    # The same rule as services.edit_proposal: once the committee has decided, the text stays as it was decided on.
    if proposal.status != Proposal.Status.SUBMITTED:
        if editing:
            return _("The village committee has already decided on this proposal, so it can no longer be edited.")
        return _("The village committee has already decided on this proposal, so it can no longer be withdrawn.")
    if not phases.allows(page.records.phase_at(), "edit_proposal"):
        return _("Proposals can be edited or withdrawn only until the deliberation phase opens.")
    return None


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited("proposal_edit")
def edit_proposal(request: HttpRequest, page_id: int, proposal_id: int) -> HttpResponse:
    page = _page(page_id)
    proposal = _proposal(page, proposal_id)
    if refusal := _gate(request, page):
        return refusal
    posted = request.method == "POST"
    if posted:
        values = {name: request.POST.get(name, "").strip() for name in FIELDS}
    else:
        values = {name: getattr(proposal, name) for name in FIELDS}
        values["text"] = html_to_plain_text(proposal.text)  # the text box shows words, not markup
    upload = request.FILES.get("photo") if posted else None
    remove_photo = posted and bool(request.POST.get("remove_photo"))
    error = _refusal(request, page, proposal, editing=True)
    refused = error is not None
    if posted and not refused:
        error = proposal_input_error(values)
        if error is None:
            try:
                with transaction.atomic():
                    # A new photo is stored with the changes or not at all; none chosen keeps the current one.
                    changes: dict = dict(values)
                    if upload:
                        changes["photo"] = photos.store_photo(
                            upload, village=page.village, user=request.user, title=values["title"]
                        )
                    elif remove_photo:
                        changes["photo"] = None
                    services.edit_proposal(proposal, _resident(request), **changes)
            except services.ConsultationError as problem:
                error = str(problem)
            else:
                messages.success(request, _("Your proposal is updated."))
                return redirect(page.url + f"#proposal-{proposal.pk}")
    context = {
        "page": page,
        "proposal": proposal,
        "values": values,
        "remove_photo": remove_photo,
        "error": error,
        "photo_dropped": bool(error and upload),
        # Refused before anything was typed: no form. Refused after: the form again, so nothing typed is lost.
        "show_form": not refused or posted,
    }
    status = 403 if refused else (400 if error else 200)
    return TemplateResponse(request, "consultations/proposal_edit.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited("proposal_edit")
def withdraw_proposal(request: HttpRequest, page_id: int, proposal_id: int) -> HttpResponse:
    """GET asks for confirmation; only the POST from that page withdraws."""
    page = _page(page_id)
    proposal = _proposal(page, proposal_id)
    if refusal := _gate(request, page):
        return refusal
    error = _refusal(request, page, proposal, editing=False)
    if request.method == "POST" and error is None:
        try:
            services.withdraw_proposal(proposal, _resident(request))
        except services.ConsultationError as problem:
            error = str(problem)
        else:
            messages.success(
                request,
                _("Your proposal “%(title)s” is withdrawn. It is no longer shown on this page.")
                % {"title": proposal.title},
            )
            return redirect(page.url + "#proposals")
    return TemplateResponse(
        request,
        "consultations/proposal_withdraw.html",
        {"page": page, "proposal": proposal, "error": error},
        status=403 if error else 200,
    )
