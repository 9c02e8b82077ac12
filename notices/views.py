"""Admin views: the disclosure calendar and the committee's list of residents' questions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.admin_lists import paginate

from . import calendar as disclosure_calendar
from .calendar import calendar_rows
from .forms import AnswerForm
from .models import NoticeQuestion
from .rules import can_answer_in_village
from .services import answer_question


def _require_staff_or_committee(request):
    if not request.user.has_perm("notices.view_calendar"):
        raise PermissionDenied
    return disclosure_calendar.village_queryset(request.user)


def calendar(request):
    """One page of villages (in township and name order), their rows computed for that page only; the township
    filter's choices from one DISTINCT query, not from the county's village list."""
    villages = _require_staff_or_committee(request)
    townships = disclosure_calendar.townships(villages)
    township = request.GET.get("township", "")
    if township in townships:
        villages = villages.filter(township=township)
    page = paginate(request, villages)
    rows = calendar_rows(list(page), timezone.localdate())
    return TemplateResponse(
        request,
        "notices/admin/calendar.html",
        {
            "rows": rows,
            "page_obj": page,
            "today": timezone.localdate(),
            "townships": townships if len(townships) > 1 else [],
            "township": township,
        },
    )


def questions(request):
    villages = _require_staff_or_committee(request)
    waiting = (
        NoticeQuestion.objects.unanswered()
        .filter(village__in=villages)
        .select_related("notice", "village", "resident")
        .order_by("created_at", "pk")
    )
    page = paginate(request, waiting)
    answered = (
        NoticeQuestion.objects.published()
        .filter(village__in=villages)
        .select_related("notice", "village", "resident")
        .order_by("-answered_at")[:20]
    )
    return TemplateResponse(
        request,
        "notices/admin/questions.html",
        {
            "waiting": page,
            "page_obj": page,
            "answered": answered,
            "overdue_before": NoticeQuestion.objects.overdue_cutoff(),
        },
    )


@require_http_methods(["GET", "POST"])
def answer(request, pk: int):
    question = get_object_or_404(NoticeQuestion.objects.select_related("notice", "village", "resident"), pk=pk)
    if not can_answer_in_village(request.user, question.village):
        # A plain 403 rather than Wagtail's redirect to the dashboard: the refusal must be visible as such.
        return HttpResponseForbidden(_("Only the committee of this village can answer."))
    form = AnswerForm(request.POST or None, initial={"answer": question.answer})
    if request.method == "POST" and form.is_valid():
        try:
            answer_question(request.user, question, form.cleaned_data["answer"])
        except ValidationError as error:
            form.add_error("answer", error)
        else:
            messages.success(request, _("The answer is published under the notice."))
            return redirect("notices_questions")
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "notices/admin/answer.html", {"question": question, "form": form}, status=status)
