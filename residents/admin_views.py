"""Wagtail admin screens for village committees: verification queue, household roll import, offline
registration. Every screen and action is scoped to the committee's own villages (county administrators
see all)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from home.ids import as_id
from portal.admin_lists import page_size, paginate

from .claims import confirm_claim, reject_claim
from .forms import OfflineResidentForm, RejectForm, RollUploadForm
from .models import Resident, ResidentClaim, RollImport
from .roll import RollFileError, decode
from .rules import committee_villages
from .services import bulk_verify, register_offline, reject_resident, set_resident_roles, verify_resident
from .tasks import import_household_roll


def _villages_or_403(request):
    villages = committee_villages(request.user)
    if not villages.exists():
        raise PermissionDenied
    return villages


def queue(request):
    villages = _villages_or_403(request)
    state = request.GET.get("state", Resident.Verification.UNVERIFIED)
    if state not in Resident.Verification.values:
        state = Resident.Verification.UNVERIFIED
    residents = (
        Resident.objects.filter(village__in=villages, verification=state, deleted_at__isnull=True)
        .select_related("village", "user", "verified_by")
        .order_by("created_at", "pk")
    )
    village_code = request.GET.get("village")
    if village_code:
        residents = residents.filter(village__code=village_code)
    search = request.GET.get("q", "").strip()[:60]
    if search:
        residents = residents.filter(
            Q(real_name__icontains=search) | Q(display_name__icontains=search) | Q(household_number__startswith=search)
        )
    # One page of the queue (the county's holds thousands). A row says itself whether it came from the roll with
    # an account now and whether its sign-up claims a record on file: no query per row or per village.
    residents = residents.annotate(
        has_claim=Exists(ResidentClaim.objects.filter(claimant=OuterRef("pk"), status=ResidentClaim.Status.PENDING))
    )
    page = paginate(request, residents)
    roll_matches = {r.pk for r in page if r.source == Resident.Source.ROLL and r.user_id}
    claimed_by = {r.pk for r in page if r.has_claim}
    counts = dict(
        Resident.objects.filter(village__in=villages, deleted_at__isnull=True)
        .values_list("verification")
        .annotate(n=Count("pk"))
        .values_list("verification", "n")
    )
    claims = (
        ResidentClaim.objects.filter(record__village__in=villages, status=ResidentClaim.Status.PENDING)
        .select_related("claimant__user", "record__village")
        .order_by("created_at", "pk")
    )
    claims = list(claims[: page_size() + 1])  # the oldest first; decided ones leave the list
    more_claims = len(claims) > page_size()
    return TemplateResponse(
        request,
        "residents/admin/queue.html",
        {
            "claims": claims[: page_size()],
            "more_claims": more_claims,
            "claimed_by": claimed_by,
            "residents": page,
            "page": page,
            "search": search,
            "state": state,
            "states": [(value, label, counts.get(value, 0)) for value, label in Resident.Verification.choices],
            "villages": villages,
            "village_code": village_code,
            "roll_matches": roll_matches,
            "reject_form": RejectForm(),
        },
    )


def _resident_in_scope(request, pk) -> Resident:
    resident = get_object_or_404(Resident.objects.select_related("village"), pk=pk, deleted_at__isnull=True)
    if not request.user.has_perm("residents.verify_resident", resident):
        raise PermissionDenied
    return resident


@require_POST
def approve(request, pk):
    resident = _resident_in_scope(request, pk)
    try:
        verify_resident(resident, request.user)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, _("%(name)s is verified.") % {"name": resident.real_name or resident.display_name})
    return redirect("residents_admin:queue")


def _claim_in_scope(request, pk) -> ResidentClaim:
    claim = get_object_or_404(ResidentClaim.objects.select_related("record__village", "claimant"), pk=pk)
    if not request.user.has_perm("residents.verify_resident", claim.record):
        raise PermissionDenied
    return claim


@require_POST
def decide_claim(request, pk):
    """Confirm that a sign-up is the resident on file (the account moves onto the record), or reject the claim."""
    claim = _claim_in_scope(request, pk)
    try:
        if request.POST.get("decision") == "confirm":
            record = confirm_claim(claim, request.user)
            messages.success(request, _("The account now belongs to %(name)s.") % {"name": record.real_name})
        else:
            reject_claim(claim, request.user, request.POST.get("reason", ""))
            messages.success(request, _("The claim is rejected; the sign-up stays a separate, unverified resident."))
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    return redirect("residents_admin:queue")


def reject(request, pk):
    resident = _resident_in_scope(request, pk)
    form = RejectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reject_resident(resident, request.user, form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_error("reason", exc)
        else:
            messages.success(
                request, _("%(name)s is not verified; they see your reason.") % {"name": resident.real_name}
            )
            return redirect("residents_admin:queue")
    return TemplateResponse(request, "residents/admin/reject.html", {"resident": resident, "form": form})


@require_POST
def set_roles(request, pk):
    resident = _resident_in_scope(request, pk)
    set_resident_roles(
        resident,
        request.user,
        is_representative=bool(request.POST.get("is_representative")),
        is_council_member=bool(request.POST.get("is_council_member")),
    )
    messages.success(request, _("Roles of %(name)s saved.") % {"name": resident.real_name or resident.display_name})
    return redirect(f"{reverse('residents_admin:queue')}?state=verified")


@require_POST
def bulk_approve(request):
    villages = _villages_or_403(request)
    ids = [pk for raw in request.POST.getlist("resident") if (pk := as_id(raw))]  # "²", 2**63: a 500 before
    residents = list(Resident.objects.filter(pk__in=ids, deleted_at__isnull=True).select_related("village"))
    allowed = set(villages.values_list("pk", flat=True))
    if any(r.village_id not in allowed for r in residents):
        raise PermissionDenied
    if not residents:
        messages.warning(request, _("Tick the residents to verify first."))
    else:
        try:
            count = bulk_verify(residents, request.user)
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
        else:
            messages.success(request, _("%(count)d residents verified.") % {"count": count})
    return redirect("residents_admin:queue")


def roll_import(request):
    villages = _villages_or_403(request)
    form = RollUploadForm(request.POST or None, request.FILES or None, villages=villages)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        village = form.cleaned_data["village"]
        if not request.user.has_perm("residents.import_roll", village):
            raise PermissionDenied
        try:
            text, encoding = decode(upload.read())
        except RollFileError as exc:
            form.add_error("file", str(exc))
        else:
            job = RollImport.objects.create(
                village=village, uploaded_by=request.user, file_name=upload.name[:200], encoding=encoding, content=text
            )
            import_household_roll.enqueue(job.pk)
            return redirect("residents_admin:roll_import_status", job.pk)
    recent = RollImport.objects.filter(village__in=villages).select_related("village", "uploaded_by")[:10]
    return TemplateResponse(request, "residents/admin/roll_import.html", {"form": form, "recent": recent})


def roll_import_status(request, pk):
    villages = _villages_or_403(request)
    job = get_object_or_404(RollImport.objects.select_related("village"), pk=pk, village__in=villages)
    outcome = request.GET.get("outcome")
    # A county roll has thousands of rows: one page of the report at a time.
    rows = paginate(request, [row for row in job.report if not outcome or row["outcome"] == outcome])
    percent = 100 if job.finished else (job.processed_rows * 100 // job.total_rows if job.total_rows else 0)
    return TemplateResponse(
        request,
        "residents/admin/roll_import_status.html",
        {"job": job, "rows": rows, "page_obj": rows, "counts": job.counts(), "percent": percent, "outcome": outcome},
    )


def register(request):
    villages = _villages_or_403(request)
    form = OfflineResidentForm(request.POST or None, villages=villages)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        resident = register_offline(
            village=data["village"],
            by=request.user,
            real_name=data["real_name"],
            household_number=data["household_number"],
            display_name=data["display_name"],
            phone=data["phone"],
            is_representative=data["is_representative"],
        )
        messages.success(
            request,
            _("%(name)s is registered in %(village)s without a login.")
            % {"name": resident.real_name, "village": resident.village.name},
        )
        return redirect("residents_admin:register")
    offline = (
        Resident.objects.filter(village__in=villages, user__isnull=True, deleted_at__isnull=True)
        .filter(Q(source=Resident.Source.COUNTER) | Q(source=Resident.Source.ROLL))
        .select_related("village")
        .order_by("-created_at")[:20]
    )
    return TemplateResponse(request, "residents/admin/register.html", {"form": form, "offline": offline})
