"""The committee's screens in the Wagtail admin: the moderation queue and paper-ballot entry, per village."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from home.models import VillagePage
from residents.models import Resident
from residents.rules import committee_villages

from . import services
from .models import Comment, Question


def _village_paths(user) -> Q:
    paths = VillagePage.objects.filter(village__in=committee_villages(user)).values_list("path", flat=True)
    query = Q(pk__in=[])
    for path in paths:
        query |= Q(page__path__startswith=path)
    return query


def moderation_queue(request):
    if not committee_villages(request.user).exists():
        raise PermissionDenied
    comments = (
        Comment.objects.filter(_village_paths(request.user))
        .filter(Q(report_count__gt=0) | Q(is_hidden=True))
        .select_related("author", "page")
        .order_by("is_hidden", "-report_count", "-created_at")[:200]
    )
    return TemplateResponse(request, "consultations/admin/moderation_queue.html", {"comments": comments})


@require_POST
def moderate(request, pk: int):
    comment = get_object_or_404(Comment.objects.filter(_village_paths(request.user)), pk=pk)
    try:
        services.moderate_comment(
            comment, request.user, hide=request.POST.get("action") == "hide", reason=request.POST.get("reason", "")
        )
    except services.ConsultationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Done. The comment's text is kept; only its visibility changed."))
    return redirect("consultations_admin:moderation_queue")


def _voting(question: Question) -> bool:
    question.page = question.page.specific
    return question.page.phase == "voting"


def paper_ballot(request):
    """Enter a paper ballot for a resident of the committee's village, in a consultation that is voting now."""
    villages = committee_villages(request.user)
    if not villages.exists():
        raise PermissionDenied
    questions = [q for q in Question.objects.filter(_village_paths(request.user)).select_related("page") if _voting(q)]
    residents = Resident.objects.filter(
        village__in=villages, verification=Resident.Verification.VERIFIED, deleted_at__isnull=True
    ).order_by("household_number", "pk")
    values = request.POST if request.method == "POST" else {}
    status = 200
    if request.method == "POST":
        question = next((q for q in questions if str(q.pk) == values.get("question")), None)
        resident = residents.filter(pk=values.get("resident") or 0).first()
        if question is None or resident is None:
            messages.error(request, _("Please choose a question and a resident."))
            status = 400
        else:
            try:
                ballot = services.record_paper_ballot(question, resident, values.getlist("option"), request.user)
            except services.ConsultationError as error:
                messages.error(request, str(error))
                status = 400
            else:
                messages.success(
                    request,
                    _("Paper ballot recorded for %(name)s. Receipt code: %(code)s")
                    % {"name": resident.public_name, "code": ballot.receipt},
                )
                return redirect("consultations_admin:paper_ballot")
    options = {q.pk: services.ensure_options(q) for q in questions}
    return TemplateResponse(
        request,
        "consultations/admin/paper_ballot.html",
        {"questions": [(q, options[q.pk]) for q in questions], "residents": residents, "values": values},
        status=status,
    )
