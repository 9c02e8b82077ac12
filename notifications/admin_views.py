"""Admin: the committee's delivery reports of broadcasts. Thin: delivery_report queries, rules scope.

Another village's broadcast does not exist for a committee (404, not a hint that it does).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from home.models import Village
from portal.admin_lists import paginate

from . import broadcasts, delivery_report
from .broadcast_models import Broadcast, DailyQuota, Delivery
from .rules import can_view_deliveries, report_villages


def _own_caps(user) -> list[delivery_report.Cap]:
    """The daily cap of the villages whose committee the user is in (one query; the county sees each broadcast's
    village's in the list instead: 305 villages are no header)."""
    used = DailyQuota.objects.filter(village=OuterRef("pk"), day=timezone.localdate()).values("used")[:1]
    villages = (
        Village.objects.filter(committee_group__user=user)
        .annotate(used=Coalesce(Subquery(used, output_field=IntegerField()), Value(0)))
        .order_by("name", "pk")
    )
    return [delivery_report.cap_of(village, village.used) for village in villages]


@require_GET
def broadcast_list(request: HttpRequest) -> TemplateResponse:
    if not can_view_deliveries(request.user):
        raise PermissionDenied
    page = paginate(request, delivery_report.broadcast_rows(report_villages(request.user)))
    rows = [(row, delivery_report.cap_of(row.village, row.used_today)) for row in page]
    context = {"rows": rows, "page_obj": page, "caps": _own_caps(request.user)}
    return TemplateResponse(request, "notifications/admin/broadcasts.html", context)


@require_GET
def broadcast_report(request: HttpRequest, pk: int) -> TemplateResponse:
    broadcast = get_object_or_404(
        Broadcast.objects.filter(village__in=report_villages(request.user)).select_related("village"), pk=pk
    )
    status, channel = request.GET.get("status", ""), request.GET.get("channel", "")
    page = paginate(request, delivery_report.delivery_rows(broadcast, status, channel))
    deliveries = [(row, delivery_report.resident_name(row), delivery_report.masked_contact(row)) for row in page]
    context = {
        "broadcast": broadcast,
        "summary": broadcasts.report(broadcast),
        "cap": delivery_report.cap_of(broadcast.village),
        "deliveries": deliveries,
        "page_obj": page,
        "status": status if status in Delivery.Status.values else "",
        "channel": channel if channel in Delivery.Channel.values else "",
        "statuses": Delivery.Status.choices,
        "channels": Delivery.Channel.choices,
    }
    return TemplateResponse(request, "notifications/admin/broadcast.html", context)
