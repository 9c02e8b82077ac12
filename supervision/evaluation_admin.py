"""Admin of the democratic evaluation (民主评议, VCOL art. 33) for the village's supervision committee (and the
county): the list, opening a year's evaluation, and one evaluation's screen (paper ballots, close, publish).
Thin: evaluation_services decides, rules.evaluation_villages scopes (another village's evaluation is a 404)."""

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
from residents.models import Resident

from . import evaluation_rules
from . import evaluation_services as services
from .evaluation_forms import OpenEvaluationForm, PaperBallotForm
from .evaluation_models import Evaluation
from .rules import evaluation_villages


def _errors(form, error: ValidationError) -> None:
    for name, errors in getattr(error, "error_dict", {None: error.messages}).items():
        form.add_error(name if name in form.fields else None, errors)


def evaluations(request):
    villages = evaluation_villages(request.user)
    rows = Evaluation.objects.filter(village__in=villages).select_related("village").order_by("village__name", "-year")
    page = paginate(request, rows)
    context = {"rows": page, "page_obj": page, "villages": villages[:50]}
    return TemplateResponse(request, "supervision/admin/evaluations.html", context)


@require_http_methods(["GET", "POST"])
def open_evaluation(request, code: str):
    village = get_object_or_404(Village, code=code)
    if not evaluation_villages(request.user).filter(pk=village.pk).exists():
        return HttpResponseForbidden(_("Only the village's supervision committee hosts its democratic evaluation."))
    committee = services.committee_residents(village)
    form = OpenEvaluationForm(request.POST or None, committee=committee, village=village)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            evaluation = services.open_evaluation(
                request.user,
                village,
                data["year"],
                data["body"],
                data["opens"],
                data["closes"],
                data["committee"],
                data["staff"],
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("The evaluation is open: its secret ballot is on the village's page."))
            return redirect("supervision_evaluation", pk=evaluation.pk)
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(
        request, "supervision/admin/open_evaluation.html", {"village": village, "form": form}, status=status
    )


@require_http_methods(["GET", "POST"])
def evaluation(request, pk: int):
    obj = get_object_or_404(Evaluation.objects.select_related("village", "ballot"), pk=pk)
    if not evaluation_villages(request.user).filter(pk=obj.village_id).exists():
        raise Http404  # another village's evaluation does not exist for this user
    persons = list(obj.persons.select_related("resident").order_by("post", "pk"))
    voters = Resident.objects.filter(
        village=obj.village, verification=Resident.Verification.VERIFIED, deleted_at__isnull=True
    )
    paper = PaperBallotForm(
        request.POST if "paper" in request.POST else None, evaluation=obj, persons=persons, voters=voters
    )
    status = 200
    if request.method == "POST":
        status = 400
        try:
            if "paper" in request.POST:
                if paper.is_valid():
                    services.enter_paper_ballot(request.user, obj, paper.cleaned_data["voter"], paper.ratings())
                    messages.success(request, _("The paper ballot is counted."))
                    return redirect("supervision_evaluation", pk=obj.pk)
            elif "close" in request.POST:
                services.close_evaluation(request.user, obj)
                messages.success(request, _("The count is closed. Check it, then publish the results."))
                return redirect("supervision_evaluation", pk=obj.pk)
            elif "publish" in request.POST:
                services.publish_evaluation(request.user, obj)
                messages.success(request, _("The results are published on the village's evaluation page."))
                return redirect("supervision_evaluation", pk=obj.pk)
        except PermissionDenied as refused:
            return HttpResponseForbidden(str(refused))
        except ValidationError as error:
            if "paper" in request.POST:
                _errors(paper, error)
            else:
                messages.error(request, " ".join(error.messages))
    for person in persons:
        person.arithmetic = evaluation_rules.arithmetic(person.tally) if person.tally else None
    context = {
        "obj": obj,
        "persons": persons,
        "paper_form": paper if obj.status == Evaluation.Status.OPEN else None,
        "voting_closes": obj.ballot.voting_closes(),
        "now": timezone.now(),
    }
    return TemplateResponse(request, "supervision/admin/evaluation.html", context, status=status)
