"""村民理事会 and village meetings; split by concern (roster, meetings, proposals, the public page)."""

from .demands import DemandSignature, MeetingDemand
from .meetings import (
    AgendaItem,
    Attendance,
    Delegation,
    Meeting,
    MeetingAttachment,
    Motion,
    ReservedMatter,
    RollCallVote,
)
from .pages import CouncilPage
from .proposals import CouncilProposal
from .register import VillageRegisterRecord
from .roster import Council, CouncilMember, CouncilTerm

__all__ = [
    "AgendaItem",
    "Attendance",
    "Council",
    "CouncilMember",
    "CouncilPage",
    "CouncilProposal",
    "CouncilTerm",
    "Delegation",
    "DemandSignature",
    "Meeting",
    "MeetingAttachment",
    "MeetingDemand",
    "Motion",
    "ReservedMatter",
    "RollCallVote",
    "VillageRegisterRecord",
]
