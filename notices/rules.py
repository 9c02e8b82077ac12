"""Who may ask and answer questions on notices, and see the disclosure calendar."""

import rules

from residents.rules import is_committee_member, is_verified_resident


@rules.predicate
def is_county_staff(user) -> bool:
    """County administrators see every village."""
    return user.is_authenticated and user.is_superuser


@rules.predicate
def can_answer_in_village(user, village) -> bool:
    return is_county_staff(user) or is_committee_member(user, village)


rules.add_perm("notices.ask_question", is_verified_resident)
rules.add_perm("notices.answer_question", can_answer_in_village)
rules.add_perm("notices.view_calendar", is_county_staff | is_committee_member)
