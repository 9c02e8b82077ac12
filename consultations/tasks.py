"""Background work of consultations: telling followers what happened (django-tasks; immediate by default).

Each task takes ids only (a database worker receives JSON) and reads the rows afresh when it runs.
"""

import datetime
import html

from django.apps import apps
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_noop
from django_tasks import task

from home import translations
from home.sanitizer import sanitize_text
from notifications import services as notifications
from portal.prepared import Prepared

PHASE_MESSAGES = {
    "information": gettext_noop("“%(title)s” has opened: read the information."),
    "proposals": gettext_noop("“%(title)s”: proposals can now be submitted."),
    "deliberation": gettext_noop("“%(title)s”: the deliberation phase has opened."),
    "voting": gettext_noop("“%(title)s”: voting has opened."),
    "results": gettext_noop("“%(title)s”: the results are published."),
}
STATUS_MESSAGES = {
    "selected": gettext_noop("The proposal “%(title)s” was selected by the village committee."),
    "merged": gettext_noop("The proposal “%(title)s” was merged with another proposal."),
    "not_adopted": gettext_noop("The proposal “%(title)s” was not adopted; the committee gave its reason."),
}
REPLY_MESSAGE = gettext_noop("%(name)s replied to your comment in “%(title)s”.")
COMMENT_MESSAGE = gettext_noop("%(name)s commented on the proposal “%(title)s”.")
# A follow-up notice says what changed ("进展：已开工"), not only that something did (issue 20).
FOLLOW_UP_MESSAGES = {
    "decided": gettext_noop("Decision on “%(title)s”: %(text)s"),
    "planned": gettext_noop("Planned for “%(title)s”: %(text)s"),
    "in_progress": gettext_noop("Progress on “%(title)s”: %(text)s"),
    "done": gettext_noop("Done: “%(title)s”: %(text)s"),
}
FOLLOW_UP_EXCERPT = 120
# Notifications stored before 2026-12 carry this msgid; it stays marked so that they are still translated.
LEGACY_FOLLOW_UP_MESSAGE = gettext_noop("There is a new follow-up update on “%(title)s”.")
ESCALATED_MESSAGE = gettext_noop("The proposal “%(title)s” was passed on to the villager council.")

# A phase that opened longer ago than this is recorded as announced without telling anyone (first run, old data).
ANNOUNCE_WITHIN = datetime.timedelta(days=3)


def _user_id(resident) -> int | None:
    return resident.user_id if resident is not None and not resident.is_deleted else None


@task()
def proposal_status_changed(proposal_id: int) -> int:
    from .models import Proposal

    proposal = Proposal.objects.select_related("page").get(pk=proposal_id)
    message = STATUS_MESSAGES.get(proposal.status)
    if message is None:
        return 0
    url = f"{proposal.page.url}#proposal-{proposal.pk}"
    return len(notifications.notify(notifications.followers(proposal), message, {"title": proposal.title}, url))


@task()
def proposal_escalated(proposal_id: int) -> int:
    from .models import Proposal

    proposal = Proposal.objects.select_related("page").get(pk=proposal_id)
    url = f"{proposal.page.url}#proposal-{proposal.pk}"
    return len(
        notifications.notify(notifications.followers(proposal), ESCALATED_MESSAGE, {"title": proposal.title}, url)
    )


# Read for every comment (in the worker; in the request with the immediate backend): compiled once per thread
# (portal.prepared), the joined pages and residents made its compiling most of the task's CPU.
_COMMENT_WITH_RELATED = Prepared(
    lambda comment_id: (
        apps.get_model("consultations", "Comment")
        .objects.select_related("author", "page", "proposal", "parent__author")
        .filter(pk=comment_id)
    )
)


@task()
def comment_added(comment_id: int) -> int:
    """The parent comment's author hears of a reply; followers of the proposal hear of a comment on it."""
    from .models import Comment

    found = _COMMENT_WITH_RELATED(comment_id=comment_id)
    if not found:
        raise Comment.DoesNotExist(comment_id)
    comment = found[0]
    writer = comment.author.user_id
    params = {"name": comment.author.public_name, "title": (comment.proposal or comment.page).title}
    url = f"{comment.page.url}#comment-{comment.pk}"
    sent = 0
    replied_to = _user_id(comment.parent.author) if comment.parent else None
    if replied_to is not None and replied_to != writer:
        sent += len(notifications.notify([replied_to], REPLY_MESSAGE, params, url))
    if comment.proposal is not None:
        others = notifications.followers(comment.proposal) - {writer, replied_to}
        sent += len(notifications.notify(others, COMMENT_MESSAGE, params, url))
    return sent


@task()
def follow_up_added(follow_up_id: int) -> int:
    from .models import FollowUp

    update = FollowUp.objects.select_related("page", "proposal").get(pk=follow_up_id)
    users = notifications.followers(update.page, update.proposal)
    title = (update.proposal or update.page).title
    text = Truncator(html.unescape(sanitize_text(update.text))).chars(FOLLOW_UP_EXCERPT)
    message = FOLLOW_UP_MESSAGES[update.stage]
    return len(notifications.notify(users, message, {"title": title, "text": text}, f"{update.page.url}#follow-up"))


@task()
def announce_phases() -> int:
    """Tell followers of each consultation that a new phase opened, once per phase (PhaseNotice is unique).

    Phases follow from dates, so nothing happens at the moment one opens: a worker or cron runs this every
    few minutes (``manage.py announce_phases``).
    """
    from .models import ConsultationPage, PhaseNotice

    now = timezone.now()
    sent = 0
    for page in ConsultationPage.objects.live():
        if not translations.is_record_page(page):
            continue  # one announcement per consultation, not one per language tree
        phase = page.phase_at(now)
        if phase is None:
            continue
        _notice, created = PhaseNotice.objects.get_or_create(page=page, phase=phase)
        opened = page.phase_openings()[phase]
        if created and now - opened <= ANNOUNCE_WITHIN:
            users = notifications.followers(page)
            sent += len(notifications.notify(users, PHASE_MESSAGES[phase], {"title": page.title}, page.url))
    return sent
