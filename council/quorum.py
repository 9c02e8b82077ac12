"""Quorum and majority of the four meeting kinds (DOMAIN.md §1–§2; VCOL arts. 22, 24, 26, 28).

Pure functions on integers: no floats anywhere, because "三分之二以上" must be met at exactly 2/3 and
"过半数" must fail at exactly one half (民法典 art. 1259). The explanation is built with gettext, so it
comes out in the language active when it is rendered.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

ASSEMBLY = "assembly"
REPRESENTATIVES = "representatives"
GROUP = "group"
COUNCIL = "council"
KINDS = (ASSEMBLY, REPRESENTATIVES, GROUP, COUNCIL)

# Force of a recorded result.
BINDING = "binding"
ADVISORY = "advisory"
REFUSED = "refused"


@dataclass(frozen=True)
class Fraction:
    """p/q as two integers; comparisons stay integer cross-multiplications."""

    numerator: int
    denominator: int

    def __post_init__(self) -> None:
        if self.denominator <= 0 or self.numerator < 0 or self.numerator > self.denominator:
            raise ValueError("a threshold is a fraction between 0 and 1")

    def at_least(self, part: int, whole: int) -> bool:
        """part ≥ p/q of whole ("以上": the number itself counts)."""
        return part * self.denominator >= whole * self.numerator

    def more_than(self, part: int, whole: int) -> bool:
        """part > p/q of whole ("过半数", "超过": the number itself does not count)."""
        return part * self.denominator > whole * self.numerator

    def min_at_least(self, whole: int) -> int:
        return -(-whole * self.numerator // self.denominator)

    def min_more_than(self, whole: int) -> int:
        return whole * self.numerator // self.denominator + 1

    def label(self) -> str:
        if (self.numerator, self.denominator) == (1, 2):
            return _("half")
        if (self.numerator, self.denominator) == (2, 3):
            return _("two thirds")
        if (self.numerator, self.denominator) == (1, 3):
            return _("one third")
        return f"{self.numerator}/{self.denominator}"


HALF = Fraction(1, 2)
TWO_THIRDS = Fraction(2, 3)


@dataclass(frozen=True)
class Eligible:
    """Who should be there, frozen from the register at the meeting date."""

    adults: int = 0
    households: int = 0
    representatives: int = 0
    members: int = 0


@dataclass(frozen=True)
class Present:
    persons: int
    households: int = 0


@dataclass(frozen=True)
class Counts:
    yes: int
    no: int = 0
    abstain: int = 0


@dataclass(frozen=True)
class CouncilRule:
    """A council's charter thresholds; the default is the villager-group rule (DOMAIN.md §2)."""

    quorum: Fraction = TWO_THIRDS
    majority: Fraction = HALF


@dataclass
class Result:
    valid: bool
    passed: bool
    advisory: bool = False
    lines: list[str] = field(default_factory=list)

    @property
    def explanation(self) -> str:
        return _("; ").join(self.lines)


class CountError(ValueError):
    """The numbers cannot be right (more votes than people present, negative counts, ...)."""


def check_counts(present: Present, counts: Counts) -> None:
    if min(present.persons, present.households, counts.yes, counts.no, counts.abstain) < 0:
        raise CountError(_("Counts cannot be negative."))
    if counts.yes + counts.no + counts.abstain > present.persons:
        raise CountError(
            _("%(votes)d votes were counted but only %(present)d people were present.")
            % {"votes": counts.yes + counts.no + counts.abstain, "present": present.persons}
        )


# Without a base there is no quorum to meet: "0 ≥ 2/3 of 0" is arithmetic, not a meeting. A base of zero means
# the register figure was never entered, so the alternative it belongs to does not exist (DOMAIN.md §2).
_NO_BASE = {
    "adults": lambda: _("no number of adult villagers is on the register, so their quorum cannot be judged"),
    "households": lambda: _("no number of households is on the register, so their quorum cannot be judged"),
    "representatives": lambda: _("no number of representatives is on the register, so their quorum cannot be judged"),
    "members": lambda: _("no voting council members are on record, so the quorum cannot be judged"),
}


def missing_bases(kind: str, eligible: Eligible) -> list[str]:
    """The register figures a meeting of this kind needs and lacks (zero), in the order they are asked for.

    An assembly and a villager group have two alternatives (adults, households): either figure is enough to judge
    one of them, so both missing is missing; the meeting form asks for any figure that is missing all the same.
    """
    needed = {
        ASSEMBLY: ("adults", "households"),
        REPRESENTATIVES: ("representatives",),
        GROUP: ("adults", "households"),
        COUNCIL: ("members",),
    }
    if kind not in needed:
        raise ValueError(f"unknown meeting kind {kind!r}")
    return [name for name in needed[kind] if getattr(eligible, name) <= 0]


def _no_base(base: str) -> str:
    return _("Not valid: %(reason)s") % {"reason": _NO_BASE[base]()}


def _quorum_at_least(fraction: Fraction, present: int, total: int, households: bool = False) -> tuple[bool, str]:
    if total <= 0:
        return False, _no_base("households" if households else "adults")
    values = {"present": present, "fraction": fraction.label(), "total": total}
    if fraction.at_least(present, total):
        if households:
            text = _("Valid: %(present)d households represented ≥ %(fraction)s of the %(total)d households")
        else:
            text = _("Valid: %(present)d present ≥ %(fraction)s of the %(total)d expected")
        return True, text % values
    values["needed"] = fraction.min_at_least(total)
    if households:
        text = _(
            "Not valid: %(present)d households represented, fewer than %(fraction)s of the %(total)d households "
            "(%(needed)d needed)"
        )
    else:
        text = _(
            "Not valid: %(present)d present, fewer than %(fraction)s of the %(total)d expected (%(needed)d needed)"
        )
    return False, text % values


def _assembly_by_households(eligible: Eligible, present: Present) -> tuple[bool, str]:
    """The assembly's second alternative alone, when the adults figure is missing."""
    return _quorum_at_least(TWO_THIRDS, present.households, eligible.households, households=True)


def _assembly(eligible: Eligible, present: Present) -> tuple[bool, str]:
    # Either half the adults in person, or two thirds of the households represented (VCOL art. 22).
    if eligible.adults <= 0 and eligible.households <= 0:
        return False, f"{_no_base('adults')}{_('; ')}{_NO_BASE['households']()}"
    if eligible.adults <= 0:
        valid, text = _assembly_by_households(eligible, present)
        return valid, f"{text}{_('; ')}{_NO_BASE['adults']()}"
    if HALF.more_than(present.persons, eligible.adults):
        return True, _("Valid: %(present)d adults present, more than half of the %(total)d adult villagers") % {
            "present": present.persons,
            "total": eligible.adults,
        }
    if eligible.households <= 0:
        return False, _(
            "Not valid: %(present)d adults present, not more than half of the %(adults)d adult villagers "
            "(%(needed_adults)d needed)"
        ) % {
            "present": present.persons,
            "adults": eligible.adults,
            "needed_adults": HALF.min_more_than(eligible.adults),
        } + f"{_('; ')}{_NO_BASE['households']()}"
    if TWO_THIRDS.at_least(present.households, eligible.households):
        return True, _(
            "Valid: %(present)d adults present is not more than half of the %(adults)d adult villagers, "
            "but %(households)d households represented ≥ two thirds of the %(total)d households"
        ) % {
            "present": present.persons,
            "adults": eligible.adults,
            "households": present.households,
            "total": eligible.households,
        }
    return False, _(
        "Not valid: %(present)d adults present, not more than half of the %(adults)d adult villagers "
        "(%(needed_adults)d needed), and %(households)d households represented, fewer than two thirds of "
        "the %(total)d households (%(needed_households)d needed)"
    ) % {
        "present": present.persons,
        "adults": eligible.adults,
        "needed_adults": HALF.min_more_than(eligible.adults),
        "households": present.households,
        "total": eligible.households,
        "needed_households": TWO_THIRDS.min_at_least(eligible.households),
    }


def _group(eligible: Eligible, present: Present) -> tuple[bool, str]:
    # Two thirds of the group's adults, or two thirds of its households (VCOL art. 28). A missing adults figure
    # is said by _quorum_at_least itself, so both alternatives go the same way.
    valid, text = _quorum_at_least(TWO_THIRDS, present.persons, eligible.adults)
    if valid:
        return valid, text
    if eligible.households <= 0:
        return False, f"{text}{_('; ')}{_NO_BASE['households']()}"
    valid, household_text = _quorum_at_least(TWO_THIRDS, present.households, eligible.households, households=True)
    return valid, household_text if valid else f"{text}{_('; ')}{household_text}"


def _quorum(kind: str, eligible: Eligible, present: Present, rule: CouncilRule) -> tuple[bool, str]:
    if kind == ASSEMBLY:
        return _assembly(eligible, present)
    if kind == REPRESENTATIVES:
        if eligible.representatives <= 0:
            return False, _no_base("representatives")
        return _quorum_at_least(TWO_THIRDS, present.persons, eligible.representatives)
    if kind == GROUP:
        return _group(eligible, present)
    if kind == COUNCIL:
        if eligible.members <= 0:
            return False, _no_base("members")
        return _quorum_at_least(rule.quorum, present.persons, eligible.members)
    raise ValueError(f"unknown meeting kind {kind!r}")


def _majority(kind: str, present: Present, counts: Counts, rule: CouncilRule) -> tuple[bool, str]:
    fraction = rule.majority if kind == COUNCIL else HALF
    # Abstentions and blank ballots count as present: the base is everyone present, not votes cast.
    if fraction.more_than(counts.yes, present.persons):
        return True, _("passed: %(yes)d in favour, more than %(fraction)s of the %(present)d present") % {
            "yes": counts.yes,
            "fraction": fraction.label(),
            "present": present.persons,
        }
    return False, _(
        "failed: %(yes)d in favour, not more than %(fraction)s of the %(present)d present (%(needed)d needed)"
    ) % {
        "yes": counts.yes,
        "fraction": fraction.label(),
        "present": present.persons,
        "needed": fraction.min_more_than(present.persons),
    }


def decision_force(kind: str, reserved: bool, delegated: bool = False) -> str:
    """Whether a result can bind (VCOL art. 24): reserved matters belong to the assembly.

    A representatives' meeting decides them only under a recorded delegation by the assembly; council and
    villager-group votes on them are advice to the assembly. Anything else cannot be recorded as binding.
    """
    if not reserved or kind == ASSEMBLY:
        return BINDING
    if kind == REPRESENTATIVES:
        return BINDING if delegated else REFUSED
    return ADVISORY


def evaluate(
    kind: str,
    eligible: Eligible,
    present: Present,
    counts: Counts,
    rule: CouncilRule | None = None,
    reserved: bool = False,
    delegated: bool = False,
) -> Result:
    """The result of one motion: valid (quorum), passed (majority), advisory, and the arithmetic in words."""
    rule = rule or CouncilRule()
    check_counts(present, counts)
    valid, quorum_text = _quorum(kind, eligible, present, rule)
    result = Result(valid=valid, passed=False, lines=[quorum_text])
    if valid:
        result.passed, majority_text = _majority(kind, present, counts, rule)
        result.lines.append(majority_text)
    else:
        result.lines.append(_("no decision can be taken"))
    if reserved and decision_force(kind, reserved, delegated) == ADVISORY:
        result.advisory = True
        result.lines.append(_("advisory only: to be decided by the village assembly"))
    return result


def quorum(kind: str, eligible: Eligible, present: Present, rule: CouncilRule | None = None) -> tuple[bool, str]:
    """Whether a body of this kind is quorate, with the arithmetic in words.

    The public entry for other apps (a consultation's ballot has a quorum but no motion to record), so that
    the DOMAIN §2 arithmetic lives in this one module.
    """
    return _quorum(kind, eligible, present, rule or CouncilRule())
