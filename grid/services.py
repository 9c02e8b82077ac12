"""Every change to a resident request goes through here: filing, each workflow step, supervision, closing."""

import datetime as dt
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from home.privacy.resident_text import public_text_problem
from home.sanitizer import sanitize_text
from notifications.mail import send_one
from residents.sms import send_sms

from . import deadlines, workflow
from .models import RequestCategory, RequestEvent, ResidentRequest
from .models.requests import DESCRIPTION_MAX_LENGTH
from .rules import actor_roles, can_handle

logger = logging.getLogger("grid")
AUTO_CLOSE_DAYS = 7  # calendar days without a rating after the answer


def _label(roles: set[str]) -> str:
    if workflow.HANDLER in roles:
        return _("Village staff")
    if workflow.SUPERVISOR in roles:
        return _("Township supervision")
    if workflow.RESIDENT in roles:
        return _("Resident")
    return _("System")


def file_request(
    *,
    village,
    category: RequestCategory,
    description: str,
    by,
    resident=None,
    channel: str = ResidentRequest.Channel.ONLINE,
    place: str = "",
    address: str = "",
    show_publicly: bool = False,
    photo=None,
    grid=None,
    contact_name: str = "",
    contact_phone: str = "",
    now: dt.datetime | None = None,
) -> ResidentRequest:
    """A resident files for themselves (online); handlers file for walk-ins and phone calls."""
    now = now or timezone.now()
    on_behalf = resident is None or resident.user_id != getattr(by, "pk", None)
    if on_behalf and not can_handle(by, village):
        raise PermissionDenied
    if resident is not None and resident.village_id != village.pk:
        raise PermissionDenied
    # The forms check the same; this holds for every other path (the shell, imports, an API). A handler filing a
    # call writes the caller's number into contact_phone, which is never shown.
    description = sanitize_text(description)
    for name, value, limit in (("description", description, DESCRIPTION_MAX_LENGTH), ("place", place, 100)):
        if problem := public_text_problem(value, limit=limit):
            raise ValidationError({name: problem})
    with transaction.atomic():
        request = ResidentRequest.objects.create(
            village=village,
            grid=grid,
            category=category,
            resident=resident,
            filed_by=by,
            channel=channel,
            contact_name=contact_name,
            contact_phone=contact_phone,
            description=description,
            photo=photo or "",
            place=place,
            address=address,
            show_publicly=show_publicly,
            received_at=now,
            updated_at=now,
            accept_due=deadlines.due(now, category.accept_days),
            resolve_due=deadlines.due(now, category.resolve_days),
        )
        RequestEvent.objects.create(
            request=request,
            action="file",
            to_status=workflow.RECEIVED,
            by=by,
            by_label=_label({workflow.HANDLER} if on_behalf else {workflow.RESIDENT}),
            at=now,
            note=str(request.get_channel_display()),
        )
        if category.is_mediation:
            from .models import MediationCase

            MediationCase.objects.create(request=request, subject=description[:200])
    return request


def act(
    request: ResidentRequest,
    action: str,
    by,
    *,
    note: str = "",
    platform: str = "",
    department: str = "",
    rating: str = "",
    now: dt.datetime | None = None,
    roles: set[str] | None = None,
) -> ResidentRequest:
    """Take one workflow step. Raises workflow.Refused (with the reason for the user) when not allowed."""
    now = now or timezone.now()
    note = sanitize_text(note or "").strip()
    with transaction.atomic():
        request = (
            ResidentRequest.objects.select_for_update(of=("self",))
            .select_related("village", "resident")
            .get(pk=request.pk)
        )
        if roles is None:
            roles = actor_roles(by, request)
        # Every note, the resident's (a rating, a reopening) or a handler's, becomes the request's status note,
        # which the public list and Open311 show: no full personal number (a handler's stored before is masked).
        if problem := public_text_problem(note):
            raise workflow.Refused(problem)
        before = request.status
        target = workflow.check(
            action,
            before,
            roles,
            note=note,
            rating=rating,
            reopen_count=request.reopen_count,
            level=request.level,
        )
        if action in ("dispatch", "redispatch"):
            if not platform and not department:
                raise workflow.Refused(_("Please choose the platform or department to pass the request to."))
            request.platform = platform or request.platform or request.category.platform
            request.department = department
        elif action == "escalate":
            request.level = workflow.next_level(request.level)
        elif action == "accept":
            request.accepted_at = now
            request.platform = request.platform or request.category.platform
        elif action == "reply":
            request.replied_at = now
        elif action == "rate":
            if target == workflow.IN_PROGRESS:
                request.reopen_count += 1
                request.replied_at = None
            else:
                request.rating = rating
                request.closed_at = now
        elif action in ("reject", "auto_close"):
            request.closed_at = now
        elif action == "supervise":
            request.supervised_at = now
        request.status = target
        if note:
            request.status_notes = note[:500]
        request.updated_at = now
        request.save()
        event = RequestEvent.objects.create(
            request=request,
            action=action,
            from_status=before,
            to_status=target,
            by=by if getattr(by, "is_authenticated", False) else None,
            by_label=_label(roles),
            at=now,
            note=_event_note(action, note, rating, request),
        )
    _notify(request, event)
    return request


def _event_note(action: str, note: str, rating: str, request: ResidentRequest) -> str:
    if action == "rate":
        return f"{dict(workflow.RATING_CHOICES)[rating]} {note}".strip()
    if action in ("dispatch", "redispatch"):
        where = " ".join(filter(None, [request.get_platform_display(), request.department]))
        return f"{where} {note}".strip()
    if action == "escalate":
        return f"{request.get_level_display()} {note}".strip()
    return note


def _notify(request: ResidentRequest, event: RequestEvent) -> None:
    """Tell the resident about each step of their request, by the channels they chose."""
    resident = request.resident
    if resident is None or event.action == "rate":
        return
    message = _("Your request #%(number)s: %(state)s. %(note)s") % {
        "number": request.pk,
        "state": workflow.state_label(request.status),
        "note": event.note,
    }
    user = resident.user
    if resident.notify_by_email and user is not None and user.email:
        send_one(_("Your request to the village"), message, user.email)
    if resident.notify_by_sms and resident.phone:
        send_sms(resident.phone, message)


def close_unrated(now: dt.datetime | None = None) -> int:
    """Close requests answered more than AUTO_CLOSE_DAYS days ago that nobody rated. Returns how many."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=AUTO_CLOSE_DAYS)
    closed = 0
    for request in ResidentRequest.objects.filter(status=workflow.REPLIED, replied_at__lte=cutoff):
        act(request, "auto_close", None, now=now, roles={workflow.SYSTEM})
        closed += 1
    return closed


def assessment_records(villages, start: dt.datetime, end: dt.datetime) -> list:
    """The assessment records of requests received in [start, end) in these villages, in one query."""
    from .assessment import Record

    rows = ResidentRequest.objects.filter(
        village__in=villages, received_at__gte=start, received_at__lt=end
    ).values_list(
        "village__name",
        "platform",
        "category__platform",
        "status",
        "received_at",
        "resolve_due",
        "replied_at",
        "rating",
    )
    return [
        Record(village, platform or category_platform, status, received, due, replied, rating)
        for village, platform, category_platform, status, received, due, replied, rating in rows
    ]


def _assessment_sums() -> dict:
    from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Sum

    from .workflow import BASICALLY_SATISFIED, REJECTED, SATISFIED

    answered = Q(replied_at__isnull=False)
    return {
        "count": Count("pk"),
        "rejected": Count("pk", filter=Q(status=REJECTED)),
        "answered": Count("pk", filter=answered),
        "on_time": Count("pk", filter=answered & (Q(resolve_due__isnull=True) | Q(replied_at__lte=F("resolve_due")))),
        "rated": Count("pk", filter=~Q(rating="")),
        "satisfied": Count("pk", filter=Q(rating__in=[SATISFIED, BASICALLY_SATISFIED])),
        "handling": Sum(
            ExpressionWrapper(F("replied_at") - F("received_at"), output_field=DurationField()), filter=answered
        ),
    }


def assessment_figure(name: str, row: dict):
    """One row of assessment_groups (or the total) as grid.assessment.Figures."""
    from .assessment import Figures

    handling = row["handling"]
    days = round(handling.total_seconds() / 86400, 6) if handling else 0.0
    return Figures(
        name, row["count"], row["rejected"], row["answered"], row["on_time"], row["rated"], row["satisfied"], days
    )


def _requests_between(villages, start: dt.datetime, end: dt.datetime):
    return ResidentRequest.objects.filter(village__in=villages, received_at__gte=start, received_at__lt=end)


def assessment_groups(villages, start: dt.datetime, end: dt.datetime, group: str):
    """The assessment's rows (one per village or platform) as an ordered GROUP BY queryset of dicts, to be paged
    (the screen) or iterated (the CSV): a county's 305 villages never come into Python at once.

    Ordered by code point, as grid.assessment.grouped sorts (PostgreSQL's collation would order Chinese names
    otherwise; SQLite compares code points already)."""
    from django.db import connection
    from django.db.models import F, Value
    from django.db.models.functions import Coalesce, Collate, NullIf

    key = F("village__name") if group == "village" else Coalesce(NullIf("platform", Value("")), "category__platform")
    order = Collate("group_key", "C") if connection.vendor == "postgresql" else F("group_key")
    rows = _requests_between(villages, start, end).annotate(group_key=key).values("group_key")
    return rows.annotate(**_assessment_sums()).order_by(order)


def assessment_total(villages, start: dt.datetime, end: dt.datetime):
    """The assessment's total over every group, in one query."""
    return assessment_figure("all", _requests_between(villages, start, end).aggregate(**_assessment_sums()))


def assessment_figures(villages, start: dt.datetime, end: dt.datetime, group: str) -> tuple[list, "object"]:
    """Every row and the total, counted by the database in two queries: the county's year of requests never
    comes into Python (grid.assessment.figures is the same sum over records, the definition the tests compare
    this with)."""
    rows = assessment_groups(villages, start, end, group)
    return [assessment_figure(row["group_key"] or "", row) for row in rows], assessment_total(villages, start, end)


def public_grid_workers(village) -> list:
    """Grid workers of the village with their grid, for the village page (one query)."""
    from .models import GridWorker

    return list(
        GridWorker.objects.filter(grid__village=village)
        .select_related("grid")
        .order_by("grid__sort_order", "grid__name", "name")
    )
