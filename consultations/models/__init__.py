"""征求意见: consultation pages, proposals and comments, questions and ballots."""

from .ballots import Ballot, BallotBox, BallotChoice, Channel, PaperBatch, Participation, SetAsideParticipation
from .followup import FollowUp, PhaseNotice
from .pages import Audience, ConsultationIndexPage, ConsultationPage
from .participation import Comment, CommentReport, ModerationEvent, Proposal, Support
from .questions import Option, Question

__all__ = [
    "Audience",
    "Ballot",
    "BallotBox",
    "BallotChoice",
    "Channel",
    "Comment",
    "CommentReport",
    "ConsultationIndexPage",
    "ConsultationPage",
    "FollowUp",
    "ModerationEvent",
    "Option",
    "PaperBatch",
    "Participation",
    "PhaseNotice",
    "Proposal",
    "Question",
    "SetAsideParticipation",
    "Support",
]
