"""VCOL art. 32 as a pure rule: who may not sit on the supervision committee, from the register alone."""

import pytest

from supervision import conflicts as c

COMMITTEE = {7, 9}
HOUSEHOLDS = {"H-001", " H-002 ", "", "   "}


@pytest.mark.parametrize(
    ("user_id", "household", "expected"),
    [
        (7, "", c.Conflict(c.COMMITTEE_MEMBER)),
        (9, "H-001", c.Conflict(c.COMMITTEE_MEMBER)),  # a member is refused as a member, not as a relative
        (8, "H-001", c.Conflict(c.SAME_HOUSEHOLD, "H-001")),
        (8, " H-002", c.Conflict(c.SAME_HOUSEHOLD, "H-002")),  # spaces around the register's number ignored
        (None, "H-001", c.Conflict(c.SAME_HOUSEHOLD, "H-001")),  # an offline resident with no account
        (8, "H-003", None),
        (8, "", None),  # no household on the register: no known relative, and "" matches nothing
        (8, "  ", None),
        (None, "", None),
        (8, None, None),
    ],
)
def test_conflict(user_id, household, expected):
    assert c.conflict(user_id, household, COMMITTEE, HOUSEHOLDS) == expected


def test_a_conflict_names_no_household_unless_it_is_one():
    assert c.Conflict(c.COMMITTEE_MEMBER).household == ""
    assert c.COMMITTEE_MEMBER != c.SAME_HOUSEHOLD
