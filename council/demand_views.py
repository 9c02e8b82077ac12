"""Thin views of the demands for a meeting, routed under the council page (CouncilPage's demands/ routes).

Public pages, no JavaScript: signing and withdrawing are plain POST forms. Refusals answer 403 with the reason.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.ratelimit import rate_limited
from residents.decorators import not_verified_response
from residents.rules import is_verified_resident_of

from . import demand_rules, demand_services
from .forms import DemandForm
from .models import DemandSignature, MeetingDemand

SIGNED = Count("signatures", filter=Q(signatures__withdrawn_at__isnull=True))


def demand_url(demand: MeetingDemand) -> str:
    from .services import council_page_of

    page = council_page_of(demand.village)
    return page.url + page.reverse_subpage("demand", args=[demand.pk]) if page is not None else ""


def _kinds(user, village) -> list[tuple[str, str]]:
    """The meetings this resident may demand; an audit is demanded from the village's audits page (supervision)."""
    return [
        (kind, label)
        for kind, label in MeetingDemand.Kind.choices
        if kind in demand_rules.MEETING_KINDS and demand_services.may_sign(user, village, kind)
    ]


@rate_limited("demand")  # starting a demand: POSTs only, per user and per address
def demands_index(page, request):
    village = page.village
    kinds = _kinds(request.user, village)
    form = DemandForm(request.POST or None, kinds=kinds)
    status = 200
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not kinds:
            return not_verified_response(request, village)
        status = 400
        if form.is_valid():
            try:
                demand = demand_services.start_demand(request.user, village, **form.cleaned_data)
            except PermissionDenied as error:
                form.add_error(None, str(error))
                status = 403
            except ValidationError as error:  # a DemandError, or the title refused (an ID or phone number in it)
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("Your demand is started and you are its first signatory."))
                return redirect(page.url + page.reverse_subpage("demand", args=[demand.pk]))
    demands = list(
        MeetingDemand.objects.filter(village=village, kind__in=demand_rules.MEETING_KINDS).annotate(signed=SIGNED)[:50]
    )
    for demand in demands:
        demand.url = page.url + page.reverse_subpage("demand", args=[demand.pk])
    response = page.render(
        request,
        context_overrides={"demands": demands, "form": form if kinds else None, "council_url": page.url},
        template="council/demands/index.html",
    )
    response.status_code = status
    return response


def _deadline(demand: MeetingDemand) -> dict:
    """What the law asks of the committee once a demand is met, as the page states it."""
    if demand.is_audit:
        return {"article": 35, "earliest": None, "audit": True}
    if demand.kind == demand_rules.REPRESENTATIVES_MEETING:
        return {"article": 26, "earliest": None}
    today = timezone.localdate()
    return {"article": 21, "earliest": demand_rules.earliest_assembly_date(today), "notice_days": 10}


def demand_detail(page, request, pk: int, *, error: str = "", status: int = 200):
    demand = (
        MeetingDemand.objects.filter(village=page.village, pk=pk)
        .annotate(signed=SIGNED)
        .select_related("meeting")
        .first()
    )
    if demand is None:
        raise Http404(_("No such demand."))
    resident = getattr(request.user, "resident", None) if request.user.is_authenticated else None
    mine = (
        DemandSignature.objects.filter(demand=demand, resident=resident, withdrawn_at__isnull=True).first()
        if resident
        else None
    )
    meeting_url = ""
    if demand.meeting_id:
        from .views import meeting_url as url_of

        meeting_url = url_of(page, demand.meeting_id, request)
    response = page.render(
        request,
        context_overrides={
            "demand": demand,
            "threshold": demand.threshold,
            "threshold_text": demand_rules.threshold_text(demand.kind, demand.base),
            "my_signature": mine,
            "may_sign": demand_services.may_sign(request.user, page.village, demand.kind),
            "deadline": _deadline(demand) if demand.is_met else None,
            "meeting_url": meeting_url,
            "error": error,
            "council_url": page.url,
            "demands_url": page.url + page.reverse_subpage("demands"),
            # An audit demand belongs with the village's audits (VCOL art. 35), where it was started.
            "audits_url": reverse("supervision:audits", args=[page.village.code]) if demand.is_audit else "",
            "sign_url": page.url + page.reverse_subpage("demand_sign", args=[demand.pk]),
            "withdraw_url": page.url + page.reverse_subpage("demand_withdraw", args=[demand.pk]),
        },
        template="council/demands/detail.html",
    )
    response.status_code = status
    return response


def _act(page, request, pk: int, action, done: str):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(page.url + page.reverse_subpage("demand", args=[pk]))
    demand = MeetingDemand.objects.filter(village=page.village, pk=pk).select_related("village").first()
    if demand is None:
        raise Http404(_("No such demand."))
    if not is_verified_resident_of(request.user, page.village):
        return not_verified_response(request, page.village)
    try:
        action(request.user, demand)
    except PermissionDenied as error:
        return demand_detail(page, request, pk, error=str(error), status=403)
    except ValidationError as error:
        return demand_detail(page, request, pk, error=" ".join(error.messages), status=409)
    messages.success(request, done)
    return redirect(page.url + page.reverse_subpage("demand", args=[pk]))


# Signing and withdrawing share one budget, so that toggling a signature cannot flood the demand's history.
@rate_limited("demand_sign")
def demand_sign(page, request, pk: int):
    return _act(page, request, pk, demand_services.sign, _("Thank you. Your signature is counted."))


@rate_limited("demand_sign")
def demand_withdraw(page, request, pk: int):
    return _act(page, request, pk, demand_services.withdraw, _("Your signature is withdrawn."))
