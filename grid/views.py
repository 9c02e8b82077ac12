"""Public and resident-facing views: the anonymised list per village, filing a request, my request, assessment."""

import datetime as dt
from dataclasses import replace

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from home.models import Village
from home.private_media import serve_private_file
from portal.admin_lists import EXPORT_CHUNK, paginate, stream_csv
from portal.ratelimit import rate_limited
from residents.decorators import require_verified_resident

from . import anonymise, assessment, services, workflow
from .forms import RatingForm, RequestForm
from .models import PLATFORM_CHOICES, RequestCategory, ResidentRequest
from .rules import handled_villages

PAGE_SIZE = 30


def _village(request, code, **kwargs) -> Village:
    return get_object_or_404(Village, code=code)


def public_rows(requests) -> list[dict]:
    """What the public list and Open311 show of each request; nothing else of it leaves the server."""
    rows = []
    for r in requests:
        rows.append(
            {
                "pk": r.pk,
                "category": r.category.name,
                "status": r.status,
                "status_label": r.get_status_display(),
                "place": anonymise.coarse_place(r.village.name, r.grid.name if r.grid else "", r.place),
                "description": anonymise.public_description(r.description, anonymise.request_names(r)),
                "received_on": timezone.localdate(r.received_at),
                "overdue": r.is_overdue(),
                "platform": r.get_platform_display(),
            }
        )
    return rows


def public_list(request, code):
    """Anonymised requests of one village that the residents allowed to be shown. Plain GET filters, no JS."""
    village = get_object_or_404(Village, code=code)
    categories = list(RequestCategory.objects.filter(is_mediation=False))
    statuses = [(s, label) for s, label in workflow.STATUS_CHOICES if s not in (workflow.RECEIVED, workflow.REJECTED)]
    status = request.GET.get("status", "")
    category = request.GET.get("category", "")
    errors = []
    if status and status not in dict(statuses):
        errors.append(_("There is no such status; showing all requests."))
        status = ""
    if category and category not in {c.code for c in categories}:
        errors.append(_("There is no such category; showing all requests."))
        category = ""
    requests = (
        ResidentRequest.objects.filter(village=village)
        .public()
        .select_related("category", "grid", "village", "resident")
        .order_by("-received_at", "-pk")
    )
    if status:
        requests = requests.filter(status=status)
    if category:
        requests = requests.filter(category__code=category)
    paginator = Paginator(requests, PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        errors.append(_("There is no such page of the list."))
        page = paginator.page(1)
    return TemplateResponse(
        request,
        "grid/public_list.html",
        {
            "village": village,
            "rows": public_rows(page.object_list),
            "page_obj": page,
            "statuses": statuses,
            "categories": categories,
            "status": status,
            "category": category,
            "errors": errors,
        },
        status=400 if errors else 200,
    )


@require_verified_resident(village_from=_village)
@rate_limited("request")
def new_request(request, code):
    village = get_object_or_404(Village, code=code)
    form = RequestForm(request.POST or None, request.FILES or None, village=village)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        filed = services.file_request(
            village=village,
            category=data["category"],
            description=data["description"],
            by=request.user,
            resident=request.user.resident,
            place=data["place"],
            address=data["address"],
            show_publicly=data["show_publicly"],
            photo=data.get("photo"),
            grid=data.get("grid"),
        )
        return redirect("grid:mine", pk=filed.pk)
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "grid/new_request.html", {"village": village, "form": form}, status=status)


@login_required
@rate_limited("request")
def my_request(request, pk):
    """The resident's own request with its timeline, and the rating form once answered."""
    obj = get_object_or_404(ResidentRequest.objects.select_related("category", "village", "grid", "resident"), pk=pk)
    if not request.user.has_perm("grid.view_request", obj):
        raise PermissionDenied
    form = None
    error = ""
    status = 200
    if obj.status == workflow.REPLIED and obj.resident and obj.resident.user_id == request.user.pk:
        form = RatingForm(request.POST or None)
        if request.method == "POST":
            if form.is_valid():
                try:
                    services.act(
                        obj, "rate", request.user, rating=form.cleaned_data["rating"], note=form.cleaned_data["note"]
                    )
                    return redirect("grid:mine", pk=obj.pk)
                except workflow.Refused as refused:
                    error = refused.message
            status = 400
    return TemplateResponse(
        request,
        "grid/my_request.html",
        {"obj": obj, "events": obj.events.all(), "form": form, "error": error},
        status=status,
    )


@login_required
def request_photo(request, pk):
    """A request's photo, to the resident who filed it and to those who handle or supervise it; nobody else
    learns whether the request or its photo exists."""
    obj = get_object_or_404(ResidentRequest.objects.select_related("village", "resident"), pk=pk)
    if not obj.photo or not request.user.has_perm("grid.view_request", obj):
        raise Http404
    return serve_private_file(obj.photo)


CHART_BAR_WIDTH = 200  # SVG units for 100 %


def _percent(value) -> str:
    return f"{value * 100:.0f}%" if value is not None else "—"


def _display(f) -> dict:
    avg = f.average_handling_days
    return {
        "label": f.label,
        "count": f.count,
        "on_time": f"{_percent(f.on_time_rate)} ({f.on_time}/{f.answered})" if f.answered else "—",
        "average": f"{avg:.1f}" if avg is not None else "—",
        "satisfaction": f"{_percent(f.satisfaction_rate)} ({f.satisfied}/{f.rated})" if f.rated else "—",
    }


def _bar_chart(rows, attribute: str) -> list[dict]:
    """Horizontal bars as plain numbers for the SVG template (percent of the chart width)."""
    bars = []
    for i, f in enumerate(rows):
        value = getattr(f, attribute)
        bars.append(
            {
                "label": f.label,
                "y": i * 36,
                "width": round((value or 0) * CHART_BAR_WIDTH, 1),
                "percent": round((value or 0) * 100, 1),
                "text": _percent(value),
            }
        )
    return bars


def assessment_page(request):
    """考核: counts, on-time rate, average handling time and satisfaction per village or platform and period."""
    if not request.user.has_perm("grid.view_assessment"):
        raise PermissionDenied
    today = timezone.localdate()
    period = request.GET.get("period") or str(today.year)
    group = request.GET.get("group", "village")
    errors = []
    try:
        start, end = assessment.period_bounds(period, today)
    except ValueError:
        errors.append(_("Write the period as 2026, 2026-Q3 or 2026-10."))
        period = str(today.year)
        start, end = assessment.period_bounds(period, today)
    if group not in ("village", "platform"):
        errors.append(_("Group by village or by platform."))
        group = "village"
    villages = handled_villages(request.user)
    tz = timezone.get_current_timezone()
    bounds = (dt.datetime.combine(start, dt.time.min, tzinfo=tz), dt.datetime.combine(end, dt.time.min, tzinfo=tz))
    groups = services.assessment_groups(villages, *bounds, group)
    platforms = dict(PLATFORM_CHOICES)

    def labelled(row: dict):
        key = row["group_key"] or ""
        label = platforms.get(key, key) if group == "platform" else key
        return replace(services.assessment_figure(key, row), label=label)

    total = replace(services.assessment_total(villages, *bounds), label=_("All"))
    if request.GET.get("format") == "csv" and not errors:
        return _csv((labelled(row) for row in groups.iterator(chunk_size=EXPORT_CHUNK)), total, period)
    # One page of villages (or platforms) with their charts; the total is the whole period's, and the CSV has
    # every row.
    page = paginate(request, groups)
    rows = [labelled(row) for row in page]
    return TemplateResponse(
        request,
        "grid/assessment.html",
        {
            "rows": [_display(f) for f in [*rows, total]],
            "page_obj": page,
            "period": period,
            "group": group,
            "errors": errors,
            "on_time_bars": _bar_chart(rows, "on_time_rate"),
            "satisfaction_bars": _bar_chart(rows, "satisfaction_rate"),
            "chart_height": max(36 * len(rows), 36),
        },
        status=400 if errors else 200,
    )


def _pct(value) -> str:
    return f"{value * 100:.1f}" if value is not None else ""


def _csv(rows, total, period: str) -> StreamingHttpResponse:
    """The figures as CSV, streamed like every export (portal.admin_lists): one line per village or platform."""

    def lines():
        yield [
            _("Group"),
            _("Requests"),
            _("Not accepted"),
            _("Answered"),
            _("Answered on time"),
            _("On-time rate (%)"),
            _("Average handling time (days)"),
            _("Rated"),
            _("Satisfaction rate (%)"),
        ]
        for f in [*rows, total]:
            avg = f.average_handling_days
            yield [
                f.label,
                f.count,
                f.rejected,
                f.answered,
                f.on_time,
                _pct(f.on_time_rate),
                f"{avg:.1f}" if avg is not None else "",
                f.rated,
                _pct(f.satisfaction_rate),
            ]

    return stream_csv(f"assessment-{period}.csv", lines())
