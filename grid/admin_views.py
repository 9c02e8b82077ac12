"""The request workbench in the Wagtail admin: committee, grid workers and township supervisors, each scoped to
their own villages (county administrators see all)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from portal.admin_lists import paginate

from . import deadlines, services, workflow
from .forms import ActionForm, OnBehalfForm
from .models import ResidentRequest
from .rules import actor_roles, filing_villages, handled_villages


def _villages_or_403(request):
    villages = handled_villages(request.user)
    if not villages.exists():
        raise PermissionDenied
    return villages


def _calendar_note(now, rows) -> dict | None:
    year = deadlines.calendar_note_year(
        timezone.localtime(now).date(), [d for r in rows for d in (r.accept_due, r.resolve_due)]
    )
    return {"year": year, "last": deadlines.last_official_year()} if year else None


def workbench(request):
    villages = _villages_or_403(request)
    now = timezone.now()
    requests = (
        ResidentRequest.objects.filter(village__in=villages)
        .select_related("village", "category", "grid")
        .order_by("received_at", "pk")
    )
    state = request.GET.get("state", "open")
    if state == "open":
        requests = requests.open()
    elif state == "overdue":
        requests = requests.overdue(now)
    elif state in dict(workflow.STATUS_CHOICES):
        requests = requests.filter(status=state)
    else:
        state = "all"
    if code := request.GET.get("village"):
        requests = requests.filter(village__code=code)
    page = paginate(request, requests)
    overdue_count = ResidentRequest.objects.filter(village__in=villages).overdue(now).count()
    return TemplateResponse(
        request,
        "grid/admin/workbench.html",
        {
            "admin_title": _("Resident requests"),
            "requests": page,
            "page_obj": page,
            "now": now,
            "state": state,
            "states": [
                ("open", pgettext("grid request state", "Open")),
                ("overdue", _("Overdue")),
                *workflow.STATUS_CHOICES,
                ("all", _("All")),
            ],
            "villages": villages,
            "overdue_count": overdue_count,
            "calendar_note": _calendar_note(now, page),
        },
    )


def detail(request, pk: int):
    villages = _villages_or_403(request)
    obj = get_object_or_404(ResidentRequest.objects.select_related("village", "category", "grid", "resident"), pk=pk)
    if not villages.filter(pk=obj.village_id).exists():
        raise PermissionDenied
    roles = actor_roles(request.user, obj)
    form = ActionForm(request.POST or None, initial={"platform": obj.platform or obj.category.platform})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.act(
                    obj,
                    data["action"],
                    request.user,
                    note=data["note"],
                    platform=data["platform"],
                    department=data["department"],
                    roles=roles,
                )
            except workflow.Refused as refused:
                messages.error(request, refused.message)
                status = 400
            else:
                messages.success(request, _("Saved. The resident has been told."))
                return redirect("grid_admin:detail", pk=obj.pk)
        else:
            status = 400
    mediation = getattr(obj, "mediation", None) if obj.category.is_mediation else None
    return TemplateResponse(
        request,
        "grid/admin/detail.html",
        {
            "admin_title": _("Request #%(number)s") % {"number": obj.pk},
            "obj": obj,
            "events": obj.events.select_related("by"),
            "actions": workflow.actions_for(obj.status, roles),
            "form": form,
            "mediation": mediation,
            "contact": obj.resident,
            "calendar_note": _calendar_note(timezone.now(), [obj]),
        },
        status=status,
    )


def file_on_behalf(request):
    _villages_or_403(request)
    # The village <select>: the user's villages in one query (305 rows for the county), not a check per village.
    villages = list(filing_villages(request.user).order_by("township", "name", "pk"))
    if not villages:
        raise PermissionDenied
    code = request.GET.get("village") or request.POST.get("village_code") or villages[0].code
    village = next((v for v in villages if v.code == code), None)
    if village is None:
        raise PermissionDenied
    form = OnBehalfForm(request.POST or None, request.FILES or None, village=village)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        filed = services.file_request(
            village=village,
            category=data["category"],
            description=data["description"],
            by=request.user,
            resident=data.get("resident"),
            channel=data["channel"],
            place=data["place"],
            address=data["address"],
            show_publicly=data["show_publicly"],
            photo=data.get("photo"),
            grid=data.get("grid"),
            contact_name=data["contact_name"],
            contact_phone=data["contact_phone"],
        )
        messages.success(request, _("Request #%(number)s recorded.") % {"number": filed.pk})
        return redirect("grid_admin:detail", pk=filed.pk)
    return TemplateResponse(
        request,
        "grid/admin/file.html",
        {"admin_title": _("Record a walk-in or phone request"), "form": form, "village": village, "villages": villages},
        status=400 if request.method == "POST" else 200,
    )
