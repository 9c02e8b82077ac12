"""Open311 GeoReport v2 read endpoints (services, requests), JSON only, so that existing city tools can read.

Only requests the resident allowed to be shown publicly appear, anonymised exactly like the public list: no
names, no phone numbers, no exact address, coordinates rounded to about a kilometre, no photos.
Spec: https://wiki.open311.org/GeoReport_v2/
"""

import datetime as dt

from django.http import JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_GET

from home.ids import as_id

from . import anonymise, workflow
from .models import RequestCategory, ResidentRequest

MAX_REQUESTS = 1000  # the spec's suggested upper limit per response
DEFAULT_DAYS = 90  # the spec's default window when no dates are given


def _error(status: int, description: str) -> JsonResponse:
    return JsonResponse([{"code": status, "description": description}], status=status, safe=False)


def _iso(value) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


@require_GET
def services(request):
    data = [
        {
            "service_code": c.code,
            "service_name": c.name,
            "description": c.description,
            "metadata": False,
            "type": "realtime",
            "keywords": c.keywords,
            "group": c.get_platform_display(),
        }
        for c in RequestCategory.objects.all()
    ]
    return JsonResponse(data, safe=False)


def _public():
    return ResidentRequest.objects.public().select_related("category", "village", "grid", "resident")


def request_json(r: ResidentRequest) -> dict:
    agency = " ".join(filter(None, [r.get_platform_display(), r.department]))
    return {
        "service_request_id": str(r.pk),
        "status": r.open311_status,
        "status_notes": anonymise.public_description(r.status_notes, anonymise.request_names(r)),
        "service_name": r.category.name,
        "service_code": r.category.code,
        "description": anonymise.public_description(r.description, anonymise.request_names(r)),
        "agency_responsible": agency,
        "service_notice": "",
        "requested_datetime": _iso(r.received_at),
        "updated_datetime": _iso(r.updated_at),
        "expected_datetime": _iso(r.resolve_due),
        "address": anonymise.coarse_place(
            f"{r.village.township}{r.village.name}", r.grid.name if r.grid else "", r.place
        ),
        "address_id": "",
        "zipcode": "",
        "lat": anonymise.coarse_coordinate(r.lat),
        "long": anonymise.coarse_coordinate(r.long),
        "media_url": "",
    }


def _parse_date(value: str):
    parsed = parse_datetime(value)
    if parsed is not None and timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


@require_GET
def requests(request):
    params = request.GET
    found = _public()
    if ids := params.get("service_request_id"):
        numbers = [part.strip() for part in ids.split(",")]
        if not all(n.isascii() and n.isdigit() for n in numbers):
            return _error(400, "service_request_id must be a comma-separated list of numbers.")
        wanted = [number for n in numbers if (number := as_id(n))]  # past 2**63 - 1 overflowed the database
        return JsonResponse([request_json(r) for r in found.filter(pk__in=wanted).order_by("pk")], safe=False)
    if codes := params.get("service_code"):
        found = found.filter(category__code__in=[c.strip() for c in codes.split(",")])
    if status := params.get("status"):
        wanted = {s.strip() for s in status.split(",")}
        if not wanted <= {"open", "closed"}:
            return _error(400, "status must be open or closed.")
        if wanted == {"open"}:
            found = found.exclude(status__in=workflow.FINAL_STATES)
        elif wanted == {"closed"}:
            found = found.filter(status__in=workflow.FINAL_STATES)
    start = end = None
    for name in ("start_date", "end_date"):
        if value := params.get(name):
            parsed = _parse_date(value)
            if parsed is None:
                return _error(400, f"{name} must be a W3C date-time such as 2026-10-01T00:00:00+08:00.")
            if name == "start_date":
                start = parsed
            else:
                end = parsed
    if start is None and end is None:
        start = timezone.now() - dt.timedelta(days=DEFAULT_DAYS)
    if start is not None:
        found = found.filter(received_at__gte=start)
    if end is not None:
        found = found.filter(received_at__lte=end)
    return JsonResponse([request_json(r) for r in found.order_by("-received_at", "-pk")[:MAX_REQUESTS]], safe=False)


@require_GET
def request_detail(request, pk: int):
    r = _public().filter(pk=pk).first()
    if r is None:
        return _error(404, "No public request with this id.")
    return JsonResponse([request_json(r)], safe=False)
