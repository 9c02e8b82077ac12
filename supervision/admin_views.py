"""Admin screens: complaints for the township, the village committee and the supervision committee; the
supervision committee's members for the township and county. Thin: services decide, rules scope."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from home.models import Village
from portal.admin_lists import paginate

from . import services
from .forms import AnswerForm, CloseForm, MemberForm
from .models import Complaint, SupervisionMember
from .rules import can_answer, can_close, complaint_villages, township_villages


def complaints(request):
    villages = complaint_villages(request.user)
    rows = Complaint.objects.filter(village__in=villages).select_related("village").order_by("status", "due_at", "pk")
    page = paginate(request, rows)
    return TemplateResponse(
        request, "supervision/admin/complaints.html", {"rows": page, "page_obj": page, "now": timezone.now()}
    )


@require_http_methods(["GET", "POST"])
def complaint(request, pk: int):
    obj = get_object_or_404(Complaint.objects.select_related("village", "resident"), pk=pk)
    # Another village's complaint does not exist for this user (404, not a hint that it does).
    if not complaint_villages(request.user).filter(pk=obj.village_id).exists():
        raise Http404
    answer_form = AnswerForm(request.POST if "answer" in request.POST else None, initial={"answer": obj.answer})
    close_form = CloseForm(request.POST if "finding" in request.POST else None)
    status = 200
    if request.method == "POST":
        status = 400
        try:
            if "finding" in request.POST:
                if not can_close(request.user, obj.village):
                    return HttpResponseForbidden(_("Only the township closes a complaint, with its finding."))
                if close_form.is_valid():
                    services.close_complaint(
                        request.user, obj, close_form.cleaned_data["outcome"], close_form.cleaned_data["finding"]
                    )
                    messages.success(request, _("The complaint is closed with the township's finding."))
                    return redirect("supervision_complaint", pk=obj.pk)
            elif "answer" in request.POST:
                if not can_answer(request.user, obj.village):
                    return HttpResponseForbidden(_("Only the committee of this village or the township can answer."))
                if answer_form.is_valid():
                    services.answer_complaint(request.user, obj, answer_form.cleaned_data["answer"])
                    messages.success(request, _("The answer is recorded; the township will close the complaint."))
                    return redirect("supervision_complaint", pk=obj.pk)
        except PermissionDenied as refused:
            return HttpResponseForbidden(str(refused))
        except ValidationError as error:
            form = close_form if "finding" in request.POST else answer_form
            for name, errors in getattr(error, "error_dict", {None: error.messages}).items():
                form.add_error(name if name in form.fields else None, errors)
    return TemplateResponse(
        request,
        "supervision/admin/complaint.html",
        {
            "obj": obj,
            "answer_form": answer_form if can_answer(request.user, obj.village) and not obj.is_closed else None,
            "close_form": close_form if can_close(request.user, obj.village) and not obj.is_closed else None,
            "overdue": obj.is_overdue(),
        },
        status=status,
    )


def members(request):
    villages = township_villages(request.user)
    if not villages.exists():
        raise PermissionDenied
    rows = (
        SupervisionMember.objects.filter(village__in=villages)
        .select_related("village", "resident", "chosen_by__agenda_item__meeting")
        .order_by("village__township", "village__name", "-term_starts_on", "role", "pk")
    )
    page = paginate(request, rows)
    # One form with a village <select> (a county administrator's 305 villages are one query of three columns),
    # not one "add" button per village.
    choices = villages.order_by("township", "name", "pk").only("code", "name", "township")
    context = {"rows": page, "page_obj": page, "villages": choices, "today": timezone.localdate()}
    return TemplateResponse(request, "supervision/admin/members.html", context)


def add_member_in(request):
    """The members screen's "add a member" form sends the chosen village here: on to that village's form."""
    villages = township_villages(request.user)
    village = villages.filter(code=request.GET.get("village", "")).only("code").first()
    if village is not None:
        return redirect("supervision_add_member", code=village.code)
    if not villages.exists():
        raise PermissionDenied
    # Unknown or outside the user's scope: the same answer, so that the form tells nothing about other villages.
    messages.error(request, _("Please choose one of your villages."))
    return redirect("supervision_members")


@require_http_methods(["GET", "POST"])
def add_member(request, code: str):
    village = get_object_or_404(Village, code=code)
    if not township_villages(request.user).filter(pk=village.pk).exists():
        return HttpResponseForbidden(_("Only the township or the county records the supervision committee."))
    form = MemberForm(request.POST or None, village=village)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_member(
                request.user,
                village,
                data["resident"],
                data["chosen_by"],
                data["term_starts_on"],
                data["term_ends_on"],
                data["role"],
                data["accounting_knowledge"],
            )
        except ValidationError as error:
            for name, errors in getattr(error, "error_dict", {None: error.messages}).items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, _("The member is recorded."))
            return redirect("supervision_members")
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(
        request, "supervision/admin/add_member.html", {"village": village, "form": form}, status=status
    )
