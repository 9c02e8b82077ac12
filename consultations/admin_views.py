"""The committee's screens in the Wagtail admin: the moderation queue and paper-ballot entry, per village."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from home import translations
from home.ids import as_id
from home.models import VillagePage
from home.village_paths import under_villages
from portal.admin_lists import page_size, paginate
from residents.models import Resident
from residents.rules import committee_villages

from . import services
from .models import Comment, ConsultationPage, Question


def _village_paths(user, field: str = "page__path") -> Q:
    return under_villages(committee_villages(user), field)


def moderation_queue(request):
    if not committee_villages(request.user).exists():
        raise PermissionDenied
    comments = (
        Comment.objects.filter(_village_paths(request.user))
        .filter(Q(report_count__gt=0) | Q(is_hidden=True))
        .select_related("author", "page")
        .order_by("is_hidden", "-report_count", "-created_at", "-pk")
    )
    page = paginate(request, comments)
    return TemplateResponse(request, "consultations/admin/moderation_queue.html", {"comments": page, "page_obj": page})


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


def _voting_consultations(user) -> list[ConsultationPage]:
    """The committee's consultations that are in their voting phase now, each once (its record page)."""
    now = timezone.now()
    pages = (
        ConsultationPage.objects.live()
        .filter(_village_paths(user, field="path"), locale_id=translations.default_locale_id())
        .filter(voting_opens__lte=now)
        .filter(Q(results_open__isnull=True) | Q(results_open__gt=now))
        .order_by("-voting_opens", "pk")
    )
    voting = [page for page in pages if page.phase_at(now) == "voting"]
    attach_villages(voting)
    return voting


def attach_villages(pages: list) -> None:
    """Each page's village from one query, not one tree look-up per page: the village pages among these pages'
    ancestors, not every village page of the user's scope (a county administrator's 305 in three languages)."""
    steps = Page.steplen
    ancestors = {page.path[:end] for page in pages for end in range(steps, len(page.path), steps)}
    villages = {p.path: p.village for p in VillagePage.objects.filter(path__in=ancestors)
                .select_related("village").only("path", "village")}  # fmt: skip
    for page in pages:
        village = next((v for path, v in villages.items() if page.path.startswith(path)), None)
        if village is not None:
            page.__dict__["village"] = village


def _ballot_questions(page: ConsultationPage) -> list[Question]:
    questions = list(Question.objects.filter(page=page).order_by("sort_order", "pk"))
    for question in questions:
        question.page = page
        question.shown_options = services.ensure_options(question)
    return questions


def paper_ballot(request):
    """Enter one resident's paper ballot for one consultation that is voting now: every question on one form."""
    villages = committee_villages(request.user)
    if not villages.exists():
        raise PermissionDenied
    consultations = _voting_consultations(request.user)
    values = request.POST if request.method == "POST" else request.GET
    chosen = next((page for page in consultations if str(page.pk) == values.get("consultation")), None)
    if chosen is None and len(consultations) == 1:
        chosen = consultations[0]
    questions = _ballot_questions(chosen) if chosen else []
    for question in questions:
        question.answered = values.getlist(f"question-{question.pk}")  # kept when the form is refused
    residents = Resident.objects.filter(
        village=chosen.village if chosen else None, verification=Resident.Verification.VERIFIED, deleted_at__isnull=True
    ).order_by("household_number", "pk")
    # The consultation's own village only, and one page of it: a village has thousands of verified residents.
    find = values.get("find", "").strip()[:60]
    found = residents
    if find:
        found = residents.filter(Q(household_number__startswith=find) | Q(real_name__icontains=find))
    shown = list(found[: page_size() + 1])
    more_residents = len(shown) > page_size()
    shown = shown[: page_size()]
    picked = as_id(values.get("resident"))
    if picked and all(r.pk != picked for r in shown):
        shown += list(residents.filter(pk=picked))  # the resident of a refused form stays chosen
    status = 200
    if request.method == "POST":
        resident = residents.filter(pk=as_id(values.get("resident")) or 0).first()
        answers = {question: question.answered for question in questions if question.answered}
        if chosen is None or resident is None:
            messages.error(request, _("Please choose a consultation and a resident."))
            status = 400
        else:
            try:
                casts = services.record_paper_ballots(chosen, resident, answers, request.user)
            except services.ConsultationError as error:
                messages.error(request, str(error))
                status = 400
            else:
                messages.success(
                    request,
                    _("Paper ballot recorded for %(name)s. Receipt codes to give them: %(codes)s")
                    % {"name": resident.public_name, "codes": "、".join(cast.receipt for cast in casts)},
                )
                return redirect(f"{reverse('consultations_admin:paper_ballot')}?consultation={chosen.pk}")
    return TemplateResponse(
        request,
        "consultations/admin/paper_ballot.html",
        {
            "consultations": consultations,
            "chosen": chosen,
            "questions": questions,
            "residents": shown,
            "more_residents": more_residents,
            "find": find,
            "values": values,
        },
        status=status,
    )
