"""Writing the audit log: Wagtail log entries, each stamped with the village it concerns.

The village id in the entry's data is what scopes the report (audit.views): a committee member sees the
entries of their own villages only. Other apps call ``log_village_action`` for their own actions, e.g. the
rule revisions log "village_rules.revision.<step>" with the rules page's village.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

# Action name -> label, registered with Wagtail (wagtail_hooks) and offered as a filter in the report.
ACTIONS = {
    "residents.verified": _("Resident verified"),
    "residents.rejected": _("Resident rejected"),
    "residents.registered": _("Resident registered at the office"),
    "residents.imported": _("Resident found on the household roll"),
    "residents.claimed": _("Account linked to a resident on file (claim confirmed)"),
    "consultations.comment.hide": _("Comment hidden"),
    "consultations.comment.restore": _("Comment restored"),
    "consultations.paper_ballot": _("Paper ballot entered"),
    "council.motion.record": _("Motion recorded"),
    "consultations.assisted.proposal": _("Proposal entered at the office for a resident"),
    "consultations.assisted.support": _("Support entered at the office for a resident"),
    "consultations.assisted.comment": _("Comment entered at the office for a resident"),
    "council.assisted.proposal": _("Council proposal entered at the office for a resident"),
}
# Actions other apps name and register themselves, shown in the report too (village_rules: revision steps and
# decisions on article comments).
OTHER_APP_PREFIXES = ("village_rules.revision.", "village_rules.comment.", "council.demand.")


def log_village_action(
    instance, action: str, village, *, user=None, title: str | None = None, data: dict[str, Any] | None = None
):
    """One audit entry for ``instance``, scoped to ``village`` (a Village or its id).

    ``user`` defaults to the admin user of the request (Wagtail's log context). ``title`` replaces the
    object's str() as the entry's label: pass one without personal data for a person's record (the entry
    outlives a deleted account, PIPL art. 47)."""
    village_id = getattr(village, "pk", village)
    return log(instance, action, user=user, title=title, data={**(data or {}), "village_id": village_id})


# What the report calls each detail an entry may carry, and how it says the coded values (issue 20: the report
# showed "from: adopted; to: filed").
DETAIL_LABELS = {
    "from": _("From stage"),
    "to": _("To stage"),
    "note": _("Note"),
    "reason": _("Reason"),
    "decision": _("Decision"),
    "consultation": _("Consultation"),
    "question": _("Question"),
    "comment": _("Comment no."),
    "resident": _("Resident no."),
    "meeting": _("Meeting"),
    "motion": _("Motion"),
    "yes": _("Yes votes"),
    "no": _("No votes"),
    "abstain": _("Abstentions"),
    "passed": _("Passed"),
    "changed": _("Correction of an earlier record"),
}


def _value_labels() -> dict[str, dict[str, str]]:
    # Imported here: audit is loaded before the apps whose codes it spells out.
    from village_rules.models import ArticleComment
    from village_rules.workflow import STAGE_LABELS

    return {"from": STAGE_LABELS, "to": STAGE_LABELS, "decision": dict(ArticleComment.Decision.choices)}


def describe_details(data: dict[str, Any] | None) -> list[tuple[str, str]]:
    """(label, value) pairs of an entry's details in the reader's language; empty values are left out."""
    values = _value_labels()
    described = []
    for key, value in (data or {}).items():
        if key == "village_id" or value in ("", None):
            continue
        shown = (_("yes") if value else _("no")) if isinstance(value, bool) else values.get(key, {}).get(value, value)
        described.append((str(DETAIL_LABELS.get(key, key)), str(shown)))
    return described
