"""The village's economic responsibility audits page (VCOL art. 35): its published audit reports, the departure
audit due before the next election, and the villagers' demands for an audit of a matter (1/5 of the adults).

Thin: the reports are notice pages (audit_models), the due day is audit_rules, and a demand is council's demand
machinery (council.demand_services, kind "audit_villagers"): one signature per resident in the database, withdrawal
until met, paper signatures entered by the committee, the township and county told when it is met.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from council import demand_rules, demand_services
from council.demand_views import SIGNED, demand_url
from council.models import MeetingDemand
from home.models import Village, VillagePage
from portal.ratelimit import rate_limited
from residents.decorators import not_verified_response

from . import audit_rules
from .audit_models import AuditReportPage
from .forms import AuditDemandForm

KIND = demand_rules.AUDIT_BY_VILLAGERS


def village_reports(village: Village) -> list[AuditReportPage]:
    """The village's live audit reports in the active language tree (else the default one), newest first."""
    pages = VillagePage.objects.filter(village=village)
    page = pages.filter(locale=Locale.get_active()).first() or pages.filter(locale=Locale.get_default()).first()
    if page is None:
        return []
    return list(AuditReportPage.objects.live().descendant_of(page).order_by("-date", "-pk")[:100])


def departure(village: Village, reports: list[AuditReportPage], today) -> audit_rules.DepartureAudit:
    days = [report.date for report in reports if report.audit_kind == AuditReportPage.Kind.DEPARTURE]
    return audit_rules.departure_audit(village.committee_term_ends_on, days, today)


@rate_limited("demand")  # starting a demand: POSTs only, the same budget as a demand for a meeting
def village_audits(request, code: str):
    village = get_object_or_404(Village, code=code)
    may_sign = demand_services.may_sign(request.user, village, KIND)
    form = AuditDemandForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not may_sign:
            return not_verified_response(request, village)
        status = 400
        if form.is_valid():
            try:
                demand = demand_services.start_demand(request.user, village, KIND, **form.cleaned_data)
            except PermissionDenied as error:
                form.add_error(None, str(error))
                status = 403
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("Your demand is started and you are its first signatory."))
                return redirect(demand_url(demand))
    reports = village_reports(village)
    demands = list(MeetingDemand.objects.filter(village=village, kind=KIND).annotate(signed=SIGNED)[:50])
    for demand in demands:
        demand.url = demand_url(demand)
    today = timezone.localdate()
    context = {
        "village": village,
        "reports": reports,
        "audit": departure(village, reports, today),
        "demands": demands,
        "form": form if may_sign else None,
        "share": demand_rules.share_label(KIND),
    }
    return TemplateResponse(request, "supervision/audits/village_audits.html", context, status=status)
