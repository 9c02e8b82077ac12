"""Who may not sit on the village affairs supervision committee (村务监督委员会), as a pure rule.

VCOL art. 32: "村民委员会成员及其近亲属不得担任村务监督机构成员". The register shows close relatives only as
members of the same household (户), so that is what the portal checks: a person whose household includes a
village committee member is refused. Relatives in other households are for the assembly to know; the rule
comment in the form says so.
"""

from dataclasses import dataclass

COMMITTEE_MEMBER = "committee_member"
SAME_HOUSEHOLD = "same_household"


@dataclass(frozen=True)
class Conflict:
    reason: str  # COMMITTEE_MEMBER or SAME_HOUSEHOLD
    household: str = ""


def conflict(
    candidate_user_id: int | None,
    candidate_household: str | None,
    committee_user_ids: set[int],
    committee_households: set[str],
) -> Conflict | None:
    """Why this candidate cannot be a supervision committee member, or None.

    committee_households are the household numbers of the village committee's members on the register; an
    empty household number matches nothing (a resident with no household on the register has no known relative).
    """
    if candidate_user_id is not None and candidate_user_id in committee_user_ids:
        return Conflict(COMMITTEE_MEMBER)
    if not candidate_household or not candidate_household.strip():
        return None
    household = candidate_household.strip()
    committee_homes = {h.strip() for h in committee_households if h}
    return Conflict(SAME_HOUSEHOLD, household) if household in committee_homes else None
