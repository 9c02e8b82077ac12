"""The refusal every consultation action raises, and the two checks every resident action starts with."""

import datetime

from django.utils.translation import gettext as _

from .. import phases
from ..rules import audience_allows


class ConsultationError(Exception):
    """A refused action, with a message for the user in their language."""


def require_phase(page, action: str, now: datetime.datetime | None) -> None:
    if not phases.allows(page.phase_at(now), action):
        raise ConsultationError(_("This is not possible in the current phase of the consultation."))


def require_participant(page, resident) -> None:
    if not audience_allows(resident, page):
        raise ConsultationError(
            _("Only verified residents of this village in the consultation's audience can do this.")
        )
