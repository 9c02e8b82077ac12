"""The household rolls of a whole county at once: a folder of files, or one file with a village column.

Each village's rows go through the same import as a committee's upload (residents.roll: the same checks, the
same per-row report in a RollImport), so a county run and a village's own upload cannot disagree. What is
county-wide is checked first, for every file, before any village is written: a file that cannot be read, a row
whose village is not on the portal, or a roll without its 户号 / 姓名 columns stops the run with nothing
written. Rows the roll itself refuses (a bad phone number, a duplicate) are reported and skipped, as in a
village's upload. The whole run is one transaction.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from home.models import Village

from .models import RollImport
from .roll import RollFileError, parse, run_import
from .tables import TableError, normalise_header, read_table, to_csv

VILLAGE_COLUMN = ["统计用区划代码", "区划代码", "村代码", "village_code", "village code", "village", "division_code"]
SUFFIXES = (".csv", ".xlsx")


@dataclass
class VillageRoll:
    village: Village
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    numbers: list[tuple[str, int]] = field(default_factory=list)  # (file name, row number) of each row
    files: set[str] = field(default_factory=set)

    @property
    def text(self) -> str:
        return to_csv([self.header, *self.rows])


@dataclass
class CountyRolls:
    rolls: dict[int, VillageRoll]
    errors: list[str]


def roll_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file())
    return [path]


def _village_lookup() -> dict[str, Village]:
    lookup = {}
    for village in Village.objects.all():
        lookup[village.code] = village
        if village.division_code:
            lookup[village.division_code] = village
    return lookup


def collect(path: Path) -> CountyRolls:
    """Every file read and split by village; errors say file, row and why. Writes nothing."""
    villages, rolls, errors = _village_lookup(), {}, []
    for file in roll_files(path):
        try:
            table, _kind = read_table(file.read_bytes())
        except (OSError, TableError) as exc:
            errors.append(f"{file.name}: {exc}")
            continue
        header = table[0]
        names = [normalise_header(title) for title in header]
        column = next((names.index(alias) for alias in VILLAGE_COLUMN if alias in names), None)
        by_name = villages.get(file.stem.strip())
        if column is None and by_name is None:
            errors.append(
                _("%(file)s: no village column (统计用区划代码) and the file name is no village's code.")
                % {"file": file.name}
            )
            continue
        kept_header = [title for index, title in enumerate(header) if index != column]
        for number, cells in enumerate(table[1:], start=2):
            key = cells[column].strip() if column is not None and column < len(cells) else ""
            village = villages.get(key) if column is not None else by_name
            if village is None:
                errors.append(
                    _("%(file)s row %(row)d: no village on the portal has the code “%(code)s”.")
                    % {"file": file.name, "row": number, "code": key}
                )
                continue
            roll = rolls.setdefault(village.pk, VillageRoll(village, kept_header))
            if roll.header != kept_header:
                errors.append(
                    _("%(file)s: the columns differ from another file of %(village)s.")
                    % {"file": file.name, "village": village.name}
                )
                break
            roll.rows.append([cell for index, cell in enumerate(cells) if index != column])
            roll.numbers.append((file.name, number))
            roll.files.add(file.name)
    for roll in rolls.values():
        try:
            parse(roll.text)  # the roll's own file-level checks (its columns), before anything is written
        except RollFileError as exc:
            errors.append(f"{roll.village.name}: {exc}")
    return CountyRolls(rolls, errors)


@transaction.atomic
def import_all(county: CountyRolls, by=None, progress: Callable[[int, int], None] | None = None) -> list[RollImport]:
    """Each village's roll through the village import; its report rows renumbered to the county files' rows."""
    jobs, total = [], len(county.rolls)
    for index, roll in enumerate(county.rolls.values(), start=1):
        job = RollImport.objects.create(
            village=roll.village,
            uploaded_by=by,
            file_name=", ".join(sorted(roll.files))[:200],
            encoding="",
            content=roll.text,
        )
        job = run_import(job)
        if job.status == RollImport.Status.FAILED:
            raise RollFileError(f"{roll.village.name}: {job.error}")
        for entry in job.report:
            file_name, number = roll.numbers[entry["row"] - 2]
            entry["row"], entry["file"] = number, file_name
        job.save(update_fields=["report"])
        jobs.append(job)
        if progress is not None:
            progress(index, total)
    return jobs
