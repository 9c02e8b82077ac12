"""Every state change of a consultation goes through here: ballots, paper ballots, closing, proposals, comments.

The database decides double votes (unique constraint on Participation), never a check in Python alone.
"""

from .assisted import add_comment_for, submit_proposal_for, support_for
from .discussion import (
    COMMENT_EDIT_WINDOW,
    add_comment,
    edit_comment,
    edit_proposal,
    follow,
    moderate_comment,
    report_comment,
    set_proposal_status,
    submit_proposal,
    support,
    withdraw_proposal,
    withdraw_support,
)
from .errors import ConsultationError
from .results import published_receipts, question_results, results_visible
from .voting import (
    RECEIPT_ALPHABET,
    RECEIPT_LENGTH,
    Cast,
    cast_ballot,
    close_question,
    current_open_ballots,
    eligible_residents,
    ensure_options,
    new_receipt,
    participation_of,
    record_paper_ballot,
    record_paper_ballots,
    record_question,
)

__all__ = [
    "COMMENT_EDIT_WINDOW",
    "RECEIPT_ALPHABET",
    "RECEIPT_LENGTH",
    "Cast",
    "ConsultationError",
    "add_comment",
    "add_comment_for",
    "cast_ballot",
    "close_question",
    "current_open_ballots",
    "edit_comment",
    "edit_proposal",
    "eligible_residents",
    "ensure_options",
    "follow",
    "moderate_comment",
    "new_receipt",
    "participation_of",
    "published_receipts",
    "question_results",
    "record_paper_ballot",
    "record_paper_ballots",
    "record_question",
    "report_comment",
    "results_visible",
    "set_proposal_status",
    "submit_proposal",
    "submit_proposal_for",
    "support",
    "support_for",
    "withdraw_proposal",
    "withdraw_support",
]
