"""The procedure in the Wagtail admin: the committee's and the township reviewer's screens for a revision.

The draft itself is edited in the page editor; these screens take the steps of the procedure, record the
assembly's motion and the filing date, and let the committee decide on and moderate residents' comments.
"""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Locale

from council import quorum
from council.models import Motion
from home.village_paths import under_villages
from portal.admin_lists import paginate

from . import services, workflow
from .adoption import filing_deadline
from .models import ArticleComment, RuleRevisionPage
from .rules import can_run_procedure, revision_villages, roles_of


def _scope(user) -> Q:
    """Revision pages under the village pages of the villages this user may see."""
    return under_villages(revision_villages(user))


def _revisions(user):
    if not revision_villages(user).exists():
        raise PermissionDenied
    # Translations share the procedure of the page in the default language; only that one is listed.
    return RuleRevisionPage.objects.filter(_scope(user), locale=Locale.get_default())


def revision_list(request):
    revisions = (
        _revisions(request.user)
        .select_related("procedure")
        .annotate(comment_count=Count("article_comments"))
        .order_by("-date", "-pk")
    )
    page = paginate(request, revisions)
    for revision in page:
        revision.source = revision  # listed in the default language: each is its own source, no query per row
    return TemplateResponse(request, "village_rules/admin/revision_list.html", {"revisions": page, "page_obj": page})


def _motions(page: RuleRevisionPage):
    return (
        Motion.objects.filter(agenda_item__meeting__village=page.village, agenda_item__meeting__kind=quorum.ASSEMBLY)
        .select_related("agenda_item__meeting")
        .order_by("-agenda_item__meeting__date", "-pk")
    )


def revision_detail(request, pk: int, *, values=None, status: int = 200):
    page = get_object_or_404(_revisions(request.user), pk=pk)
    procedure = page.current_procedure
    roles = roles_of(request.user, page)
    actions = workflow.allowed_actions(procedure.stage, roles)
    comments = list(
        ArticleComment.objects.filter(page=page).select_related("author", "decided_by").order_by("article_number", "pk")
    )
    context = {
        "page": page,
        "procedure": procedure,
        "stage_label": workflow.STAGE_LABELS[procedure.stage],
        "timeline": workflow.step_states(procedure.stage),
        "steps": page.steps.select_related("by", "motion__agenda_item__meeting"),
        "actions": [(name, workflow.TRANSITIONS[name]) for name in actions],
        "motions": _motions(page) if "record_vote" in actions else [],
        "comments": comments,
        "may_decide": can_run_procedure(request.user, page),
        "filing_deadline": filing_deadline(procedure.adopted_on) if procedure.adopted_on else None,
        "today": timezone.localdate(),
        "values": values or {},
        "unanswered": services.unanswered_comments(page).count() if "submit_for_review" in actions else 0,
    }
    return TemplateResponse(request, "village_rules/admin/revision_detail.html", context, status=status)


def _parse_date(raw: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        return None


@require_POST
def take_step(request, pk: int):
    page = get_object_or_404(_revisions(request.user), pk=pk)
    action, note = request.POST.get("action", ""), request.POST.get("note", "")
    try:
        if action == "start_drafting":
            services.start_drafting(page, request.user)
        elif action == "submit_for_review":
            services.submit_for_review(
                page, request.user, despite_unanswered=request.POST.get("despite_unanswered") == "1"
            )
        elif action == "approve":
            services.approve(page, request.user, note)
        elif action == "return":
            services.return_for_changes(page, request.user, note)
        elif action == "redraft":
            services.return_to_drafting(page, request.user, note)
        elif action == "record_vote":
            motion = _motions(page).filter(pk=request.POST.get("motion") or 0).first()
            if motion is None:
                raise services.RevisionError(_("Choose the assembly's motion on the draft."))
            services.record_assembly_vote(page, request.user, motion)
        elif action == "file":
            filed_on = _parse_date(request.POST.get("filed_on", ""))
            if filed_on is None:
                raise services.RevisionError(_("Enter the filing date as YYYY-MM-DD."))
            services.file_with_township(page, request.user, filed_on)
        else:
            raise services.RevisionError(_("There is no such step in the revision procedure."))
    except services.RevisionError as error:
        messages.error(request, str(error))
        return revision_detail(request, pk, values=request.POST, status=400)
    messages.success(request, workflow.DONE_MESSAGES[action])
    return redirect("rules_revisions:detail", pk=page.pk)


def _comment(request, pk: int) -> ArticleComment:
    return get_object_or_404(ArticleComment.objects.filter(page__in=_revisions(request.user)), pk=pk)


@require_POST
def decide(request, pk: int):
    comment = _comment(request, pk)
    try:
        services.decide_on_comment(
            comment,
            request.user,
            adopted=request.POST.get("decision") == "adopted",
            reason=request.POST.get("reason", ""),
        )
    except services.RevisionError as error:
        messages.error(request, str(error))
        return revision_detail(request, comment.page_id, values=request.POST, status=400)
    messages.success(request, _("The decision is recorded and shown on the public page."))
    return redirect("rules_revisions:detail", pk=comment.page_id)


@require_POST
def moderate(request, pk: int):
    comment = _comment(request, pk)
    try:
        services.moderate_comment(
            comment, request.user, hide=request.POST.get("action") == "hide", reason=request.POST.get("reason", "")
        )
    except services.RevisionError as error:
        messages.error(request, str(error))
        return revision_detail(request, comment.page_id, values=request.POST, status=400)
    messages.success(request, _("Done. The comment's text is kept; only its visibility changed."))
    return redirect("rules_revisions:detail", pk=comment.page_id)
