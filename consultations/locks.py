"""What a consultation's editor may no longer change once votes were cast (DOMAIN §4: nothing counted is changed).

Checked in ConsultationPage.clean(), which Wagtail runs on every save of the page: the editor's Save and Publish,
a workflow's approval, publishing an older revision, a translation sync, a script. So the rules hold on every
path, and the editor reads a message naming what is locked instead of a server error.

- A question with ballots keeps its wording, kind, ballot mode, rule, number of choices and its options (labels
  and order): changing any of them would change what the ballots already cast meant.
- Once voting has closed, its dates stay: moving them would reopen a closed question or hide published results.
- While voting is open and ballots were cast, the opening stays, the phase is not skipped, and the closing moves
  only to a moment still to come.
- A ballot an app holds (the democratic evaluation, VCOL art. 33, whose questions name the persons rated and whose
  options are counted by the app) is treated as counted from the moment it is made: the village committee, whose
  members it rates, edits the page in its own tree, and must not reword a question or its options before the
  first vote any more than after it. supervision.apps registers that.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from . import phases

VOTING_FIELDS = ("voting_opens", "results_open")

_holders: list[Callable[[int], bool]] = []


def register_held_ballots(holder: Callable[[int], bool]) -> None:
    """`holder(record_page_id)` says whether an app holds that consultation's ballot from the start."""
    if holder not in _holders:
        _holders.append(holder)


def held_from_the_start(page_id: int) -> bool:
    return any(holder(page_id) for holder in _holders)


@dataclass(frozen=True)
class StoredQuestion:
    pk: int
    text: str
    structure: tuple
    options: tuple[tuple[int | None, str, str], ...]  # (pk, label, role) in order


def question_changes(stored: StoredQuestion, new) -> str | None:
    """Why a counted question may not be saved like this, or None. `new` is the question as the editor sent it
    (with its options in memory), or None when the editor removed it."""
    if new is None:
        return _("“%(question)s” has ballots and cannot be removed: counted votes are never deleted.") % {
            "question": stored.text
        }
    if new.text != stored.text or structure_of(new) != stored.structure or options_of(new) != stored.options:
        return _(
            "“%(question)s” has ballots, so its wording, options and kind of ballot can no longer be changed: "
            "the votes already cast were cast on it as it stands."
        ) % {"question": stored.text}
    return None


def structure_of(question) -> tuple:
    return tuple(getattr(question, name) for name in question.STRUCTURE)


def options_of(question) -> tuple[tuple[int | None, str, str], ...]:
    """The options as a ballot sees them, in their order (in memory or stored alike)."""
    ordered = sorted(question.options.all(), key=lambda option: (option.sort_order or 0, option.pk or 0))
    return tuple((option.pk, option.label, option.role) for option in ordered)


def date_changes(
    stored: dict[str, datetime.datetime | None],
    new: dict[str, datetime.datetime | None],
    *,
    counted: bool,
    now: datetime.datetime,
) -> dict[str, str]:
    """Field → message for the phase dates that may not change so (pure: openings as phases.PHASES name them)."""
    stored_opens, stored_closes = stored.get("voting"), phases.phase_end(stored, "voting")
    new_opens, new_closes = new.get("voting"), phases.phase_end(new, "voting")
    errors: dict[str, str] = {}
    if stored_opens is None or stored_opens > now:
        return errors  # voting has not opened: nothing was cast under these dates
    if stored_closes is not None and stored_closes <= now:
        if new_opens != stored_opens:
            errors["voting_opens"] = _("Voting has closed and its results are published; its dates cannot change.")
        if new_closes != stored_closes:
            errors["results_open"] = _("Voting has closed and its results are published; its dates cannot change.")
        return errors
    if not counted:
        return errors
    if new_opens != stored_opens:
        errors["voting_opens"] = _("Votes have been cast since voting opened, so its opening cannot move.")
    if new_closes is not None and new_closes < now:
        errors["results_open"] = _("Voting can close now or later, not at a moment that has already passed.")
    return errors
