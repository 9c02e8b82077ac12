"""A resident's consultation data in their profile and export, and what account deletion does to it.

Export: their proposals, supports, comments, and the questions they took part in. An open ballot shows what
they chose and its receipt (the committee could see it anyway); a secret ballot shows only that they took part,
because nothing links them to their choice or their receipt (DESIGN.md "Voting integrity").

Deletion: proposals, supports, comments and ballots stay, counted and shown under "已注销用户" / "deleted
user": they point at the Resident row, which survives with every personal field blanked. Comment reports point
at the account itself; they go, while the comment keeps its report count.
"""

from django.utils.translation import gettext_lazy as _

from residents.privacy import PrivacySection, register


def _resident(user):
    from residents.models import Resident

    return Resident.objects.filter(user=user).first()


def contributions(user) -> list[dict]:
    from .models import Proposal

    resident = _resident(user)
    if resident is None:
        return []
    rows = Proposal.objects.filter(author=resident).select_related("page").order_by("-created_at", "-pk")
    listed = [
        {"title": p.title, "url": f"{p.page.url}#proposal-{p.pk}", "meta": _meta(p.get_status_display(), p)}
        for p in rows
    ]
    return listed + entered_for(resident) + votes(resident)


def _meta(meta: str, record) -> str:
    if record.entered_by_id is None:
        return meta
    return f"{meta} · {ENTERED_BY_STAFF}" if meta else str(ENTERED_BY_STAFF)


ENTERED_BY_STAFF = _("Entered by the village committee on the resident's behalf")


def entered_for(resident) -> list[dict]:
    """Supports and comments the committee entered for the resident at the office: theirs, so they see them here
    (their own online ones they see on the consultation's page)."""
    from .models import Comment, Support

    supports = Support.objects.filter(resident=resident, entered_by__isnull=False).select_related("proposal__page")
    comments = Comment.objects.filter(author=resident, entered_by__isnull=False).select_related("page")
    return [
        {"title": s.proposal.title, "url": f"{s.proposal.page.url}#proposal-{s.proposal_id}",
         "meta": _meta(str(_("Support")), s)}
        for s in supports.order_by("-created_at", "-pk")
    ] + [
        {"title": str(c), "url": f"{c.page.url}#comment-{c.pk}", "meta": _meta(str(_("Comment")), c)}
        for c in comments.order_by("-created_at", "-pk")
    ]  # fmt: skip


def votes(resident) -> list[dict]:
    """The questions the resident voted on, newest first; an open ballot with its receipt code, so it can be
    found in the published list again. A secret ballot's receipt is not kept anywhere (DOMAIN §10)."""
    from .models import Ballot, Participation

    receipts = dict(Ballot.objects.filter(resident=resident, replaced=False).values_list("question_id", "receipt"))
    rows = Participation.objects.filter(resident=resident).select_related("question__page").order_by("-voted_on", "-pk")
    listed = []
    for participation in rows:
        question = participation.question
        receipt = receipts.get(question.pk)
        meta = (
            _("Voted on %(date)s · receipt %(receipt)s") % {"date": participation.voted_on, "receipt": receipt}
            if receipt
            else _("Voted on %(date)s · secret ballot") % {"date": participation.voted_on}
        )
        listed.append({"title": question.text, "url": f"{question.page.url}#question-{question.pk}", "meta": meta})
    return listed


def export(user) -> dict:
    from .models import Ballot, Comment, Participation, Proposal, Support

    resident = _resident(user)
    if resident is None:
        return {}
    open_ballots = {
        b.question_id: b
        for b in Ballot.objects.filter(resident=resident, replaced=False).prefetch_related("choices__option")
    }
    return {
        "proposals": [
            {
                "consultation": p.page.title,
                "title": p.title,
                "text": p.text,
                "location_note": p.location_note,
                "status": p.status,
                "status_reason": p.status_reason,
                "submitted_at": p.created_at.isoformat(),
                "entered_by_staff": p.entered_by_id is not None,
            }
            for p in Proposal.objects.filter(author=resident).select_related("page")
        ],
        "supports": [
            {
                "proposal": s.proposal.title,
                "at": s.created_at.isoformat(),
                "entered_by_staff": s.entered_by_id is not None,
            }
            for s in Support.objects.filter(resident=resident).select_related("proposal")
        ],
        "comments": [
            {
                "consultation": c.page.title,
                "text": c.text,
                "hidden_by_moderator": c.is_hidden,
                "entered_by_staff": c.entered_by_id is not None,
                "at": c.created_at.isoformat(),
            }
            for c in Comment.objects.filter(author=resident).select_related("page")
        ],
        "votes": [
            {
                "question": p.question.text,
                "channel": p.channel,
                "voted_on": p.voted_on.isoformat(),
                # Secret ballot: nothing links the resident to a choice or a receipt, so there is nothing to export.
                "choices": [c.option.shown_label for c in open_ballots[p.question_id].choices.all()]
                if p.question_id in open_ballots
                else None,
                "receipt": open_ballots[p.question_id].receipt if p.question_id in open_ballots else None,
            }
            for p in Participation.objects.filter(resident=resident).select_related("question")
        ],
    }


def anonymise(user) -> None:
    from .models import CommentReport

    CommentReport.objects.filter(reporter=user).delete()


def register_section() -> None:
    register(
        PrivacySection(
            key="consultations",
            title=_("My proposals and comments in consultations"),
            contributions=contributions,
            export=export,
            anonymise=anonymise,
            order=50,
        )
    )
