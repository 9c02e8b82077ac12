"""Public and resident-facing pages: the disclosure calendar (county and village), the anonymised complaints of a
village, and the complaint form. Thin: the calendar is calendar.py, every change a service."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone

from home.models import Village
from home.privacy.detect import mask_all
from portal.ratelimit import rate_limited
from residents.decorators import not_verified_response

from . import calendar, services
from .forms import ComplaintForm
from .models import Complaint
from .rules import can_file_complaint


def _village(request, code, **kwargs) -> Village:
    return get_object_or_404(Village, code=code)


def county_calendar(request):
    villages = list(Village.objects.order_by("township", "name"))
    today = timezone.localdate()
    rows = calendar.calendars(villages, today)
    return TemplateResponse(
        request,
        "supervision/county_calendar.html",
        {"rows": rows, "today": today, "months": calendar.MONTHS_SHOWN},
    )


def village_calendar(request, code):
    village = get_object_or_404(Village, code=code)
    today = timezone.localdate()
    (row,) = calendar.calendars([village], today)
    return TemplateResponse(
        request,
        "supervision/village_calendar.html",
        {"village": village, "row": row, "today": today, "months": calendar.MONTHS_SHOWN},
    )


def public_rows(complaints) -> list[dict]:
    """What the public list shows of a complaint: never who filed or answered it; numbers masked (PIPL art. 6)."""
    return [
        {
            "number": c.pk,
            "kind": c.get_kind_display(),
            "period": c.period,
            "status": c.get_status_display(),
            "closed": c.is_closed,
            "overdue": c.is_overdue(),
            "escalated": c.escalated_at is not None,
            "filed_on": timezone.localdate(c.filed_at),
            "due_on": timezone.localdate(c.due_at),
            "text": mask_all(c.text),
            "answer": mask_all(c.answer),
            "outcome": c.get_outcome_display() if c.outcome else "",
            "finding": mask_all(c.finding),
            "closed_on": timezone.localdate(c.closed_at) if c.closed_at else None,
            "notice": c.notice.title if c.notice_id else "",
            "notice_url": c.notice.url if c.notice_id else "",
        }
        for c in complaints
    ]


def complaint_list(request, code):
    village = get_object_or_404(Village, code=code)
    complaints = Complaint.objects.filter(village=village).select_related("notice").order_by("-filed_at", "-pk")[:100]
    return TemplateResponse(
        request, "supervision/complaint_list.html", {"village": village, "rows": public_rows(complaints)}
    )


def _may_file(view):
    """Signed in, and a verified resident of the village, or any signed-in user where the county allows it."""

    @wraps(view)
    def wrapped(request, code):
        village = _village(request, code)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_file_complaint(request.user, village):
            return not_verified_response(request, village)
        return view(request, code)

    return wrapped


@_may_file
@rate_limited("complaint")
def new_complaint(request, code):
    village = get_object_or_404(Village, code=code)
    notices = services.village_notices(village)[:100]
    initial = {"kind": request.GET.get("kind", Complaint.Kind.MISSING), "period": request.GET.get("period", "")[:8]}
    if (notice := request.GET.get("notice", "")).isdigit():
        initial.update(kind=Complaint.Kind.UNTRUE, notice=int(notice))
    form = ComplaintForm(request.POST or None, initial=initial, notices=services.village_notices(village))
    form.fields["notice"].choices = [("", "---------")] + [(n.pk, f"{n.date:%Y-%m-%d} {n.title}") for n in notices]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            complaint = services.file_complaint(
                request.user, village, data["kind"], data["text"], data["period"], notice=data.get("notice")
            )
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                form.add_error(name if name in form.fields else None, messages)
        else:
            return TemplateResponse(
                request, "supervision/complaint_filed.html", {"village": village, "complaint": complaint}
            )
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(
        request,
        "supervision/new_complaint.html",
        {"village": village, "form": form},
        status=status,
    )


def evaluation_results(request, code):
    """民主评议 (VCOL art. 33): the village's published evaluations, per person the counts and the rule's
    arithmetic; names masked (PIPL: public_name), never who voted what (the ballot box keeps totals only)."""
    from . import evaluation_services

    village = get_object_or_404(Village, code=code)
    return TemplateResponse(
        request,
        "supervision/evaluations.html",
        {"village": village, "evaluations": evaluation_services.published_results(village)},
    )
