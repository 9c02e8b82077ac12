"""Adoption and filing of village rules (DOMAIN.md §2): pure arithmetic, no request in sight."""

import datetime

# Village rules are filed (备案) with the township within this many days of their adoption (local rules).
FILING_DAYS = 10


def passed_by_assembly(votes_for: int, votes_against: int, votes_abstain: int, present: int | None = None) -> bool:
    """More than half of those present voted yes (VCOL art. 22). Abstentions count as present, never as yes.

    Without a head count, those who cast a vote are the fewest who can have been present."""
    counted = votes_for + votes_against + votes_abstain
    present = max(present or 0, counted)
    return votes_for * 2 > present


def filing_deadline(adopted_on: datetime.date) -> datetime.date:
    return adopted_on + datetime.timedelta(days=FILING_DAYS)


def filed_late(adopted_on: datetime.date, filed_on: datetime.date | None, today: datetime.date) -> bool:
    """Filed after the deadline, or still not filed once the deadline has passed."""
    deadline = filing_deadline(adopted_on)
    if filed_on is None:
        return today > deadline
    return filed_on > deadline
