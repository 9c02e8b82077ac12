"""Every change to a revision goes through here: the steps of the procedure, comments, moderation, decisions.

Each step is checked against the pure table in workflow.py and the actor's roles (rules.py), takes a row
lock on the procedure so that two clicks cannot take the same step twice, and is recorded twice: as a
RevisionStep (the public timeline) and as a Wagtail log entry (the admin's audit log).
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audit.log import log_village_action
from council import quorum
from council.models import Motion
from home.privacy.resident_text import public_text_problem
from residents.models import Resident

from . import tasks, workflow
from .models import (
    COMMENT_MAX_LENGTH,
    ArticleComment,
    ArticleCommentReport,
    RevisionProcedure,
    RevisionStep,
    RuleRevisionPage,
    RulesVersion,
)
from .rules import can_comment, can_report_comment, can_run_procedure, roles_of


class RevisionError(Exception):
    """A refused action; str() is a message for the user in their language."""


def _locked_procedure(page: RuleRevisionPage) -> RevisionProcedure:
    RevisionProcedure.objects.get_or_create(page=page)
    return RevisionProcedure.objects.select_for_update().get(page=page)


def _take_step(
    page: RuleRevisionPage,
    action: str,
    user,
    *,
    note: str = "",
    motion: Motion | None = None,
    date=None,
    validate=None,
) -> tuple[RevisionProcedure, RevisionStep]:
    """Check, lock, move and record one step. Call inside transaction.atomic().

    `validate(procedure)` runs once the table and the roles allow the step, before anything is written."""
    procedure = _locked_procedure(page)
    roles = roles_of(user, page)
    try:
        target = workflow.check(procedure.stage, action, roles)
    except workflow.TransitionRefused as refused:
        raise RevisionError(str(refused)) from refused
    if validate is not None:
        validate(procedure)
    role = workflow.TRANSITIONS[action].role
    step = RevisionStep.objects.create(
        page=page,
        action=action,
        source=procedure.stage,
        target=target,
        role=role,
        by=user,
        note=note,
        motion=motion,
        date=date,
    )
    procedure.stage = target
    procedure.save()
    page.__dict__["current_procedure"] = procedure
    log_village_action(
        page,
        f"village_rules.revision.{action}",
        page.village,
        user=user,
        data={"from": step.source, "to": target, "note": note},
    )
    return procedure, step


def start_drafting(page: RuleRevisionPage, user) -> RevisionProcedure:
    page = page.source
    with transaction.atomic():
        return _take_step(page, "start_drafting", user)[0]


def unanswered_comments(page: RuleRevisionPage):
    """Residents' comments the committee has not yet adopted or declined (hidden ones need no answer)."""
    return ArticleComment.objects.filter(
        page=page.source, decision=ArticleComment.Decision.PENDING, is_hidden=False
    ).order_by("pk")


def submit_for_review(page: RuleRevisionPage, user, *, despite_unanswered: bool = False) -> RevisionProcedure:
    """Send the draft to the township, whose reviewers are told. Residents were promised an answer to every
    comment, so with comments still unanswered the step is taken only when the committee says it knows."""
    page = page.source
    if not any(article.text for article in page.draft_articles()):
        raise RevisionError(_("Write the draft before sending it to the township."))
    pending = unanswered_comments(page).count()
    if pending and not despite_unanswered:
        raise RevisionError(
            ngettext(
                "%(count)d resident's comment has no answer yet. Answer it below (adopted or not, and why), or "
                "tick that you send the draft without answering.",
                "%(count)d residents' comments have no answer yet. Answer them below (adopted or not, and why), "
                "or tick that you send the draft without answering.",
                pending,
            )
            % {"count": pending}
        )
    with transaction.atomic():
        procedure = _take_step(page, "submit_for_review", user)[0]
        tasks.draft_awaits_review.enqueue(page.pk)
    return procedure


def approve(page: RuleRevisionPage, user, note: str = "") -> RevisionProcedure:
    page = page.source
    with transaction.atomic():
        return _take_step(page, "approve", user, note=note)[0]


def return_for_changes(page: RuleRevisionPage, user, note: str) -> RevisionProcedure:
    page = page.source
    if not note.strip():
        raise RevisionError(_("Write what the village should change before returning the draft."))
    with transaction.atomic():
        return _take_step(page, "return", user, note=note)[0]


def check_assembly_motion(page: RuleRevisionPage, motion: Motion, approved_at: datetime.date | None) -> None:
    """Only a valid, passed, binding motion of a village assembly of this village, held after the township
    approved the draft, adopts the rules (VCOL art. 27)."""
    meeting = motion.agenda_item.meeting
    if meeting.village_id != getattr(page.village, "pk", None):
        raise RevisionError(_("This motion belongs to another village's meeting."))
    if meeting.kind != quorum.ASSEMBLY:
        raise RevisionError(_("Village rules are adopted by the village assembly (村民会议) only."))
    if approved_at is not None and meeting.date < approved_at:
        raise RevisionError(_("The assembly met before the township approved the draft; it voted on another text."))
    if not motion.valid:
        raise RevisionError(_("The assembly was not quorate, so its vote does not adopt the rules."))
    if not motion.passed or motion.advisory:
        raise RevisionError(_("The assembly did not pass the motion; the draft is not adopted."))


def record_assembly_vote(page: RuleRevisionPage, user, motion: Motion) -> RevisionProcedure:
    page = page.source

    def validate(procedure: RevisionProcedure) -> None:
        approval = page.steps.filter(action="approve").order_by("-at", "-pk").first()
        check_assembly_motion(page, motion, timezone.localdate(approval.at) if approval else None)

    with transaction.atomic():
        meeting_date = motion.agenda_item.meeting.date
        procedure, _step = _take_step(page, "record_vote", user, motion=motion, date=meeting_date, validate=validate)
        procedure.motion = motion
        procedure.adopted_on = motion.agenda_item.meeting.date
        procedure.save()
    return procedure


def return_to_drafting(page: RuleRevisionPage, user, note: str) -> RevisionProcedure:
    page = page.source
    if not note.strip():
        raise RevisionError(_("Write why the draft goes back to drafting."))
    with transaction.atomic():
        return _take_step(page, "redraft", user, note=note)[0]


def version_title(village, adopted_on: datetime.date) -> str:
    """What the rules in force are called: 东山村村规民约（2026年修订）, not the revision's call for comments."""
    with translation.override(settings.LANGUAGE_CODE):  # a record's title, in the portal's language
        return _("%(village)s village rules (revised %(year)s)") % {"village": village.name, "year": adopted_on.year}


def file_with_township(page: RuleRevisionPage, user, filed_on: datetime.date) -> RevisionProcedure:
    """Record the filing (备案), publish the new text as the version in force, keep the old one as archive."""
    page = page.source

    def validate(procedure: RevisionProcedure) -> None:
        if filed_on < procedure.adopted_on:
            raise RevisionError(_("The rules cannot be filed before the assembly adopted them."))
        if filed_on > timezone.localdate():
            raise RevisionError(_("The filing date cannot be in the future."))

    with transaction.atomic():
        procedure, _step = _take_step(page, "file", user, date=filed_on, validate=validate)
        motion = procedure.motion
        rules_page = page.rules_page
        version = RulesVersion.objects.create(
            page=rules_page,
            title=version_title(page.village, procedure.adopted_on),
            meeting=motion.agenda_item.meeting.title,
            adopted_on=procedure.adopted_on,
            votes_for=motion.yes,
            votes_against=motion.no,
            votes_abstain=motion.abstain,
            filed_on=filed_on,
            text=page.draft.raw_data,
        )
        procedure.filed_on, procedure.version = filed_on, version
        procedure.save()
        # A new page revision, so that the admin's copy of the rules page holds the new version too.
        fresh = type(rules_page).objects.get(pk=rules_page.pk)
        fresh.save_revision(user=user, log_action=False).publish(user=user, log_action=False)
    return procedure


# ---- Comments ----------------------------------------------------------------------------------------------


def add_comment(
    page: RuleRevisionPage, user, text: str, article_number: int | None, *, today: datetime.date | None = None
) -> ArticleComment:
    """A verified resident comments on article N of the draft, or (article_number None) proposes a new one."""
    page = page.source
    if not can_comment(user, page):
        raise RevisionError(_("Only verified residents of this village can comment on its rules."))
    if not page.opinions_open(today):
        raise RevisionError(_("Comments are not open for this revision now."))
    text = (text or "").strip()
    if not text:
        raise RevisionError(_("Please write your comment."))
    if len(text) > COMMENT_MAX_LENGTH:
        raise RevisionError(_("Please keep your comment under %(limit)d characters.") % {"limit": COMMENT_MAX_LENGTH})
    if problem := public_text_problem(text, limit=COMMENT_MAX_LENGTH):
        raise RevisionError(problem)
    label, excerpt = "", ""
    if article_number is not None:
        article = next((a for a in page.draft_articles() if a.number == article_number), None)
        if article is None:
            raise RevisionError(_("The draft has no such article."))
        label, excerpt = article.label, article.text[:80]
    return ArticleComment.objects.create(
        page=page,
        author=Resident.objects.get(user=user),
        article_number=article_number,
        article_label=label,
        article_excerpt=excerpt,
        stage=page.stage,
        text=text,
    )


def report_comment(comment: ArticleComment, user, reason: str = "") -> bool:
    if not user.is_authenticated:
        raise RevisionError(_("Please sign in to report a comment."))
    if not can_report_comment(user, comment):
        raise RevisionError(_("Only verified residents of this village can report its comments."))
    with transaction.atomic():
        _report, created = ArticleCommentReport.objects.get_or_create(
            comment=comment, reporter=user, defaults={"reason": reason[:200]}
        )
        if created:
            ArticleComment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
    return created


def moderate_comment(comment: ArticleComment, by, *, hide: bool, reason: str) -> ArticleComment:
    """Hide or restore with a reason. Never deletes: the text stays, the page shows a notice instead."""
    if not can_run_procedure(by, comment.page):
        raise RevisionError(_("Only the committee of this village can moderate these comments."))
    if not reason.strip():
        raise RevisionError(_("Please give a reason."))
    comment.is_hidden, comment.hidden_reason = hide, reason
    comment.save(update_fields=["is_hidden", "hidden_reason"])
    log_village_action(
        comment,
        "village_rules.comment.hide" if hide else "village_rules.comment.restore",
        comment.page.village,
        user=by,
        data={"reason": comment.hidden_reason},
    )
    return comment


def decide_on_comment(comment: ArticleComment, by, *, adopted: bool, reason: str) -> ArticleComment:
    """The committee adopts a comment into the draft or not, and says why; residents see both on the page."""
    if not can_run_procedure(by, comment.page):
        raise RevisionError(_("Only the committee of this village can decide on these comments."))
    if not reason.strip():
        raise RevisionError(_("Please give a reason, so that the resident knows what became of the comment."))
    if problem := public_text_problem(reason, limit=COMMENT_MAX_LENGTH):  # shown on the public page
        raise RevisionError(problem)
    comment.decision = ArticleComment.Decision.ADOPTED if adopted else ArticleComment.Decision.NOT_ADOPTED
    comment.decision_reason, comment.decided_by, comment.decided_at = reason, by, timezone.now()
    comment.save(update_fields=["decision", "decision_reason", "decided_by", "decided_at"])
    log_village_action(
        comment, "village_rules.comment.decide", comment.page.village, user=by, data={"decision": comment.decision}
    )
    tasks.comment_answered.enqueue(comment.pk)
    return comment


def overdue_filings(villages, today: datetime.date | None = None) -> list[RevisionProcedure]:
    """Adopted revisions of these villages still not filed once the 10-day filing period has passed."""
    from .adoption import FILING_DAYS

    today = today or timezone.localdate()
    return list(
        RevisionProcedure.objects.filter(
            stage=workflow.ADOPTED, adopted_on__lt=today - datetime.timedelta(days=FILING_DAYS)
        )
        .filter(page__in=RuleRevisionPage.objects.filter(_village_paths(villages)))
        .select_related("page")
        .order_by("adopted_on")
    )


def _village_paths(villages):
    from home.village_paths import under_villages

    return under_villages(villages)


def awaiting_review(user) -> list[RevisionProcedure]:
    """Drafts sent to the township that this user may review: the reviewer's "awaiting review" dashboard list."""
    from .rules import can_review

    procedures = (
        RevisionProcedure.objects.filter(stage=workflow.REVIEW).select_related("page").order_by("page__date", "page_id")
    )
    return [procedure for procedure in procedures if can_review(user, procedure.page)]
