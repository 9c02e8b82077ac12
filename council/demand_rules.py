"""How many signatures force a meeting (VCOL arts. 21, 26; DOMAIN.md §1–§2): pure functions on integers.

"十分之一以上" / "三分之一以上" / "五分之一以上" include the number itself (民法典 art. 1259), so a demand is met
when ``signatures × q ≥ base × p``; the least number that meets it is the integer ceiling of ``base × p / q``,
computed without floats. A base of zero (no adults or no representatives on the register) is never met: the
register figure is missing, and "0 ≥ 1/10 of 0" is arithmetic, not a demand.
"""

import datetime

from django.utils.translation import gettext as _

from .quorum import Fraction

ASSEMBLY_BY_VILLAGERS = "assembly_villagers"
ASSEMBLY_BY_REPRESENTATIVES = "assembly_reps"
REPRESENTATIVES_MEETING = "reps_meeting"
# Not a meeting: VCOL art. 35 (六) lets "本村五分之一以上的村民" demand an audit of a matter; the same signatures,
# counted the same way, and the township or county (not the committee) is told when it is met.
AUDIT_BY_VILLAGERS = "audit_villagers"
MEETING_KINDS = (ASSEMBLY_BY_VILLAGERS, ASSEMBLY_BY_REPRESENTATIVES, REPRESENTATIVES_MEETING)
KINDS = (*MEETING_KINDS, AUDIT_BY_VILLAGERS)

# The share of the base that must sign, by kind (VCOL art. 21: 1/10 of villagers or 1/3 of representatives
# demand an assembly; art. 26: 1/5 of representatives demand a representatives' meeting).
SHARE = {
    ASSEMBLY_BY_VILLAGERS: Fraction(1, 10),
    ASSEMBLY_BY_REPRESENTATIVES: Fraction(1, 3),
    REPRESENTATIVES_MEETING: Fraction(1, 5),
    AUDIT_BY_VILLAGERS: Fraction(1, 5),  # VCOL art. 35: 五分之一以上的村民, of the adult villagers on the register
}
# Who signs, and so which register figure is the base.
SIGNED_BY_REPRESENTATIVES = {ASSEMBLY_BY_REPRESENTATIVES: True, REPRESENTATIVES_MEETING: True}

# VCOL art. 21: "召集村民会议，应当提前十天通知村民". The law sets no notice period for a representatives' meeting.
ASSEMBLY_NOTICE_DAYS = 10


def by_representatives(kind: str) -> bool:
    return SIGNED_BY_REPRESENTATIVES.get(kind, False)


def is_audit(kind: str) -> bool:
    return kind == AUDIT_BY_VILLAGERS


def base_of(kind: str, adults: int, representatives: int) -> int:
    """The register figure the share is taken of: adult villagers, or representatives."""
    return representatives if by_representatives(kind) else adults


def threshold(kind: str, base: int) -> int | None:
    """The least number of signatures that meets the demand; None when the base is zero or unknown."""
    if base <= 0:
        return None
    return SHARE[kind].min_at_least(base)


def is_met(kind: str, signatures: int, base: int) -> bool:
    """signatures ≥ share of base ("以上": the number itself counts); never met on a zero base."""
    return base > 0 and SHARE[kind].at_least(signatures, base)


def share_label(kind: str) -> str:
    return {
        ASSEMBLY_BY_VILLAGERS: _("one tenth of the adult villagers"),
        ASSEMBLY_BY_REPRESENTATIVES: _("one third of the villager representatives"),
        REPRESENTATIVES_MEETING: _("one fifth of the villager representatives"),
        AUDIT_BY_VILLAGERS: _("one fifth of the adult villagers"),
    }[kind]


def threshold_text(kind: str, base: int) -> str:
    """E.g. "至少13人（成年村民125人的十分之一以上）"; says so when the register figure is missing."""
    needed = threshold(kind, base)
    if needed is None:
        return _("The register has no figure for this yet; the committee must enter it first.")
    return _("At least %(needed)d people (%(share)s: %(base)d on the register)") % {
        "needed": needed,
        "share": share_label(kind),
        "base": base,
    }


def earliest_assembly_date(notice_given_on: datetime.date) -> datetime.date:
    """The first day an assembly may meet when the villagers were told on ``notice_given_on`` (10 days ahead)."""
    return notice_given_on + datetime.timedelta(days=ASSEMBLY_NOTICE_DAYS)
