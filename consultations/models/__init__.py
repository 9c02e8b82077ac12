"""征求意见: consultation pages, proposals and comments, questions and ballots."""

from .followup import FollowUp, PhaseNotice
from .pages import Audience, ConsultationIndexPage, ConsultationPage
from .participation import Comment, CommentReport, ModerationEvent, Proposal, Support
from .voting import Ballot, BallotChoice, Channel, Option, Participation, Question

__all__ = [
    "Audience",
    "Ballot",
    "BallotChoice",
    "Channel",
    "Comment",
    "CommentReport",
    "ConsultationIndexPage",
    "ConsultationPage",
    "FollowUp",
    "ModerationEvent",
    "Option",
    "Participation",
    "PhaseNotice",
    "Proposal",
    "Question",
    "Support",
]
