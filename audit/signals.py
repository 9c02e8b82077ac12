"""Audit entries written when the records that matter are created, whoever creates them.

Listening to the event rows the services already write (VerificationEvent, ModerationEvent, Participation,
Motion) keeps the audit log out of the services' code and catches every path to them: admin, API, shell.
Only what identifies the act is logged: record numbers, never a resident's name (the log outlives a deleted
account) nor a secret ballot's choice.
"""

from django.db.models.signals import post_save

from .log import log_village_action


def resident_event_saved(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if not created or raw:
        return
    resident = instance.resident
    log_village_action(
        resident, f"residents.{instance.action}", resident.village_id, user=instance.by, title=f"#{resident.pk}"
    )


def moderation_event_saved(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if not created or raw:
        return
    comment = instance.comment
    log_village_action(
        comment,
        f"consultations.comment.{instance.action}",
        comment.page.village,
        user=instance.by,
        title=f"#{comment.pk}",
        data={"reason": instance.reason[:500], "consultation": comment.page.title, "comment": comment.pk},
    )


def participation_saved(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if not created or raw or instance.channel != "paper":
        return
    question = instance.question
    page = question.page
    log_village_action(
        instance,
        "consultations.paper_ballot",
        page.village,
        user=instance.entered_by,
        title=f"#{instance.pk}",
        data={"consultation": page.title, "question": question.text[:200], "resident": instance.resident_id},
    )


def assisted_entry_saved(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    """A proposal, support, comment or council proposal that staff entered for a resident at the office."""
    if not created or raw or instance.entered_by_id is None:
        return
    kind = ASSISTED_KINDS[sender._meta.label]
    if kind == "council.assisted.proposal":
        village, resident, data = instance.village_id, instance.submitted_by_id, {}
    else:
        page = instance.proposal.page if kind == "consultations.assisted.support" else instance.page
        village, data = page.village, {"consultation": page.title}
        resident = instance.resident_id if kind == "consultations.assisted.support" else instance.author_id
    log_village_action(
        instance, kind, village, user=instance.entered_by, title=f"#{instance.pk}",
        data={**data, "resident": resident},
    )  # fmt: skip


ASSISTED_KINDS = {
    "consultations.Proposal": "consultations.assisted.proposal",
    "consultations.Support": "consultations.assisted.support",
    "consultations.Comment": "consultations.assisted.comment",
    "council.CouncilProposal": "council.assisted.proposal",
}


def motion_saved(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    meeting = instance.agenda_item.meeting
    log_village_action(
        instance,
        "council.motion.record",
        meeting.village_id,
        data={
            "meeting": str(meeting),
            "motion": instance.text[:200],
            "yes": instance.yes,
            "no": instance.no,
            "abstain": instance.abstain,
            "passed": instance.passed,
            "changed": not created,
        },
    )


def connect() -> None:
    from consultations.models import ModerationEvent, Participation
    from council.models import Motion
    from residents.models import VerificationEvent

    post_save.connect(resident_event_saved, sender=VerificationEvent, dispatch_uid="audit_verification")
    post_save.connect(moderation_event_saved, sender=ModerationEvent, dispatch_uid="audit_moderation")
    post_save.connect(participation_saved, sender=Participation, dispatch_uid="audit_paper_ballot")
    post_save.connect(motion_saved, sender=Motion, dispatch_uid="audit_motion")
    from django.apps import apps

    for label in ASSISTED_KINDS:
        post_save.connect(assisted_entry_saved, sender=apps.get_model(label), dispatch_uid=f"audit_assisted_{label}")
