"""The county's village register (行政村名册) checked as a whole: what an import would create, update or refuse.

Nothing here writes. ``plan_register`` reads the rows of a spreadsheet (residents.tables) and the villages already
on the portal and says, row by row, what would happen and why a row cannot be taken. The onboarding service
(residents.onboarding) writes only a plan with no refused row: a register is the county's official list, and
half of it imported is worse than none.

A village is keyed by its 12-digit statistical division code (统计用区划代码: province 2, city 2, county 2,
township 3, village 3 digits). The township's nine digits and its name must agree in every row.
"""

import datetime
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from home.models import Village
from home.slugs import pinyin_slug

from .tables import normalise_header

COLUMNS = {
    "division_code": ["统计用区划代码", "区划代码", "行政区划代码", "村代码", "代码", "division_code", "division code"],
    "name": ["村名", "村名称", "村", "行政村", "村(居)委会", "村委会名称", "名称", "name", "village", "village name"],
    "township": ["乡镇", "乡镇(街道)", "所属乡镇", "乡镇名称", "乡(镇)", "township"],
    "adult_villagers": [
        "成年村民",
        "成年村民人数",
        "成年村民数",
        "18周岁以上村民",
        "年满18周岁村民",
        "adult_villagers",
        "adult villagers",
        "adults",
    ],
    "households": ["户数", "农户数", "总户数", "村民户数", "households"],
    "representatives": ["村民代表", "村民代表人数", "村民代表数", "代表人数", "representatives"],
}
FIGURES = ["adult_villagers", "households", "representatives"]
# Optional: the day the present committee's term ends, when the next election is due (VCOL arts. 11, 35: the
# departure audit is published before it). A register without the column leaves the portal's dates as they are.
OPTIONAL_COLUMNS = {
    "committee_term_ends_on": ["本届任期届满", "任期届满", "任期届满日期", "换届日期", "committee term ends on"],
}
_NAME_SUFFIXES = ("村民委员会", "村委会", "居委会", "社区", "村")
# VCOL art. 25: one representative for every five to fifteen households. More than one per five is a typo
# (350 for 35), not a village.
HOUSEHOLDS_PER_REPRESENTATIVE_AT_LEAST = 5


class RegisterFileError(Exception):
    """The table as a whole is not a register (no header, a missing column)."""


@dataclass
class RegisterRow:
    number: int  # the row number in the spreadsheet, header = 1
    division_code: str = ""
    name: str = ""
    township: str = ""
    adult_villagers: int | None = None
    households: int | None = None
    representatives: int | None = None
    errors: list[str] = field(default_factory=list)
    action: str = ""  # "create", "update", "unchanged" once the row is valid
    changes: list[str] = field(default_factory=list)  # fields an update changes
    village_id: int | None = None
    code: str = ""  # the village's short name (web addresses, account names): kept, or made from the name
    committee_term_ends_on: datetime.date | None = None
    has_term_column: bool = False  # the register has the optional term column: its dates are taken, blanks too

    def figures(self) -> dict:
        figures = {
            "division_code": self.division_code,
            "name": self.name,
            "township": self.township,
            **{name: getattr(self, name) for name in FIGURES},
        }
        if self.has_term_column:
            figures["committee_term_ends_on"] = self.committee_term_ends_on
        return figures


@dataclass
class RegisterPlan:
    rows: list[RegisterRow]

    @property
    def bad_rows(self) -> list[RegisterRow]:
        return [row for row in self.rows if row.errors]

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.bad_rows

    def counts(self) -> dict[str, int]:
        result = {"create": 0, "update": 0, "unchanged": 0, "refused": 0}
        for row in self.rows:
            result["refused" if row.errors else row.action] += 1
        return result


def _columns(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, title in enumerate(header):
        key = normalise_header(title)
        for name, aliases in COLUMNS.items():
            if name not in found and key in {normalise_header(alias) for alias in aliases}:
                found[name] = index
    missing = [COLUMNS[name][0] for name in COLUMNS if name not in found]
    for index, title in enumerate(header):
        key = normalise_header(title)
        for name, aliases in OPTIONAL_COLUMNS.items():
            if name not in found and key in {normalise_header(alias) for alias in aliases}:
                found[name] = index
    if missing:
        raise RegisterFileError(
            _("The first row must name the columns; missing: %(columns)s.") % {"columns": "、".join(missing)}
        )
    return found


def _count(text: str) -> int:
    """A head count as typed: full-width digits and thousands separators accepted; ValueError says which problem."""
    text = unicodedata.normalize("NFKC", text).replace(",", "").replace(" ", "")
    if not text:
        raise ValueError("empty")
    if text.startswith("-") and text[1:].isdigit():
        raise ValueError("negative")
    if not text.isdigit():
        raise ValueError("not_a_number")
    return int(text)


def _count_error(column: str, value: str, problem: str) -> str:
    if problem == "empty":
        return _("%(column)s is empty.") % {"column": column}
    if problem == "negative":
        return _("%(column)s “%(value)s” must be 0 or more.") % {"column": column, "value": value}
    return _("%(column)s “%(value)s” is not a whole number.") % {"column": column, "value": value}


def _date(text: str) -> datetime.date | None:
    """2026-06-30, 2026/6/30, 2026.6.30 or 2026年6月30日; None for an empty cell; ValueError otherwise."""
    text = unicodedata.normalize("NFKC", text).strip()
    if not text:
        return None
    for mark in ("年", "月", "/", "."):
        text = text.replace(mark, "-")
    parts = text.removesuffix("日").split("-")
    if len(parts) != 3 or not all(part.isdigit() for part in parts):
        raise ValueError(text)
    return datetime.date(int(parts[0]), int(parts[1]), int(parts[2]))


def county_prefix() -> str:
    return "".join(ch for ch in getattr(settings, "COUNTY_DIVISION_CODE", "") if ch.isdigit())


def _check_row(row: RegisterRow, cells: dict[str, str], prefix: str) -> None:
    code = unicodedata.normalize("NFKC", cells["division_code"]).replace(" ", "")
    row.division_code = code
    row.name = " ".join(cells["name"].split())
    row.township = " ".join(cells["township"].split())
    if not (len(code) == 12 and code.isdigit()):
        row.errors.append(_("The division code “%(code)s” is not 12 digits.") % {"code": code})
    elif prefix and not code.startswith(prefix):
        row.errors.append(
            _("The division code %(code)s is not in this county (codes here begin with %(prefix)s).")
            % {"code": code, "prefix": prefix}
        )
    elif code[6:9] == "000" or code[9:] == "000":
        row.errors.append(_("%(code)s is the code of a county or township, not of a village.") % {"code": code})
    if not row.name:
        row.errors.append(_("No village name."))
    elif len(row.name) > 60:
        row.errors.append(_("The village name is longer than 60 characters."))
    if not row.township:
        row.errors.append(_("No township."))
    elif len(row.township) > 60:
        row.errors.append(_("The township name is longer than 60 characters."))
    labels = {
        "adult_villagers": _("Adult villagers"),
        "households": _("Households"),
        "representatives": _("Representatives"),
    }
    for name in FIGURES:
        try:
            setattr(row, name, _count(cells[name]))
        except ValueError as problem:
            row.errors.append(_count_error(labels[name], cells[name], str(problem)))
    adults, households, reps = row.adult_villagers, row.households, row.representatives
    # Zero means "not known yet" (DOMAIN §2: a quorum on a zero base is never met), so it is compared with nothing.
    if adults and households and households > adults:
        row.errors.append(_("More households (%(h)d) than adult villagers (%(a)d).") % {"h": households, "a": adults})
    if reps and households and reps * HOUSEHOLDS_PER_REPRESENTATIVE_AT_LEAST > households + 4:
        row.errors.append(
            _(
                "%(r)d representatives for %(h)d households: the law gives one for every five to fifteen "
                "households (VCOL art. 25)."
            )
            % {"r": reps, "h": households}
        )
    elif reps and adults and reps > adults:
        row.errors.append(_("More representatives than adult villagers."))
    if "committee_term_ends_on" in cells:
        row.has_term_column = True
        try:
            row.committee_term_ends_on = _date(cells["committee_term_ends_on"])
        except ValueError:
            row.errors.append(
                _("“%(value)s” is not a date such as 2026-06-30.") % {"value": cells["committee_term_ends_on"]}
            )


def _check_townships(rows: list[RegisterRow]) -> None:
    """One township, one name and one nine-digit code, in every row."""
    name_of: dict[str, tuple[str, int]] = {}
    code_of: dict[str, tuple[str, int]] = {}
    for row in rows:
        if row.errors:
            continue
        prefix = row.division_code[:9]
        if prefix in name_of and name_of[prefix][0] != row.township:
            row.errors.append(
                _("Township code %(code)s is %(other)s in row %(row)d, not %(township)s.")
                % {"code": prefix, "other": name_of[prefix][0], "row": name_of[prefix][1], "township": row.township}
            )
        elif row.township in code_of and code_of[row.township][0] != prefix:
            row.errors.append(
                _("%(township)s has township code %(other)s in row %(row)d, not %(code)s.")
                % {
                    "township": row.township,
                    "other": code_of[row.township][0],
                    "row": code_of[row.township][1],
                    "code": prefix,
                }
            )
        name_of.setdefault(prefix, (row.township, row.number))
        code_of.setdefault(row.township, (prefix, row.number))


def new_village_code(name: str, division_code: str, taken: set[str]) -> str:
    """dongshan for 东山村; dongshan-205 when another village has it; v411421101205 when the name gives nothing."""
    stem = name
    for suffix in _NAME_SUFFIXES:
        if stem.endswith(suffix) and len(stem) > len(suffix):
            stem = stem.removesuffix(suffix)
            break
    base = pinyin_slug(stem, max_length=30).replace("-", "")
    for candidate in (base, f"{base}-{division_code[-3:]}", f"{base}-{division_code[-6:]}"):
        if candidate and candidate not in taken:
            return candidate
    return f"v{division_code}"


def plan_register(table: list[list[str]]) -> RegisterPlan:
    """Every row of the table checked, against the other rows and the villages on the portal."""
    columns = _columns(table[0])
    prefix = county_prefix()
    rows: list[RegisterRow] = []
    for number, cells in enumerate(table[1:], start=2):
        row = RegisterRow(number=number)
        if len(cells) > len(table[0]):
            row.errors.append(_("This row has more cells than the header."))
        values = {name: (cells[index] if index < len(cells) else "") for name, index in columns.items()}
        _check_row(row, values, prefix)
        rows.append(row)
    _check_duplicates(rows)
    _check_townships(rows)
    _match_villages(rows)
    return RegisterPlan(rows)


def _check_duplicates(rows: list[RegisterRow]) -> None:
    by_code: dict[str, int] = {}
    by_name: dict[tuple[str, str], int] = {}
    for row in rows:
        if row.division_code in by_code:
            row.errors.append(_("The same division code is in row %(row)d.") % {"row": by_code[row.division_code]})
        elif (row.township, row.name) in by_name:
            row.errors.append(
                _("%(township)s %(name)s is in row %(row)d already.")
                % {"township": row.township, "name": row.name, "row": by_name[(row.township, row.name)]}
            )
        by_code.setdefault(row.division_code, row.number)
        by_name.setdefault((row.township, row.name), row.number)


def _match_villages(rows: list[RegisterRow]) -> None:
    """Which village each row is: by its code, or a village entered by hand without one (same township and name)."""
    villages = list(Village.objects.all())
    by_code = {v.division_code: v for v in villages if v.division_code}
    by_name = {(v.township, v.name): v for v in villages}
    taken = {v.code for v in villages}
    claimed: dict[int, int] = {}  # village pk → row number: two rows may not become the same village
    for row in rows:
        if row.errors:
            continue
        village = by_code.get(row.division_code)
        namesake = by_name.get((row.township, row.name))
        if village is None and namesake is not None:
            if namesake.division_code:
                row.errors.append(
                    _("%(township)s %(name)s is on the portal with code %(code)s.")
                    % {"township": row.township, "name": row.name, "code": namesake.division_code}
                )
                continue
            village = namesake  # entered by hand before the register: it gets its code now
        elif village is not None and namesake is not None and namesake.pk != village.pk:
            row.errors.append(
                _("Another village on the portal is %(township)s %(name)s.")
                % {"township": row.township, "name": row.name}
            )
            continue
        if village is None:
            row.action, row.code = "create", new_village_code(row.name, row.division_code, taken)
            taken.add(row.code)
            continue
        if village.pk in claimed:
            row.errors.append(_("Row %(row)d is the same village.") % {"row": claimed[village.pk]})
            continue
        claimed[village.pk] = row.number
        row.village_id, row.code = village.pk, village.code
        row.changes = [name for name, value in row.figures().items() if getattr(village, name) != value]
        row.action = "update" if row.changes else "unchanged"
