"""Household roll (户籍名册) import from CSV.

Files come from Excel or WPS: UTF-8, UTF-8 with a BOM, or GBK (GB18030). The header row names the columns
in Chinese or English. Each row is matched to a resident of the village (same household number and real
name: that resident is verified), or pre-creates an offline resident, or is rejected with a reason.

The whole file is read and checked before anything is written. A file that cannot be read (wrong
encoding, no header, a missing column) imports nothing; bad rows are listed in the report with why,
and the good rows are written together in one transaction.
"""

import csv
import io
import re
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from home.caches import clear_portal_caches

from .models import Resident, RollImport, VerificationEvent, mask_name
from .phones import normalise_phone

ENCODINGS = ["utf-8-sig", "gb18030"]
COLUMNS = {
    "household_number": ["户号", "household", "household_number", "household number"],
    "real_name": ["姓名", "name", "real_name", "real name"],
    "phone": ["手机号", "手机", "电话", "phone", "mobile"],
    "representative": ["村民代表", "representative"],
}
REQUIRED = ["household_number", "real_name"]
YES = {"是", "1", "y", "yes", "true", "√", "✓"}
NO = {"", "否", "0", "n", "no", "false"}
_PHONE = re.compile(r"^\+861\d{10}$")
PROGRESS_EVERY = 50


class RollFileError(Exception):
    """The file as a whole cannot be imported."""


def decode(raw: bytes) -> tuple[str, str]:
    """The text and the encoding it was in. UTF-8 (with or without BOM) first, then GBK's superset."""
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding), ("utf-8" if encoding == "utf-8-sig" else "gbk")
        except UnicodeDecodeError:
            continue
    raise RollFileError(_("The file is neither UTF-8 nor GBK text. Save it from Excel or WPS as CSV and try again."))


def _header_map(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, title in enumerate(header):
        key = title.strip().lower()
        for field, names in COLUMNS.items():
            if key in names and field not in found:
                found[field] = index
    missing = [COLUMNS[f][0] for f in REQUIRED if f not in found]
    if missing:
        raise RollFileError(
            _("The first row must name the columns; missing: %(columns)s.") % {"columns": "、".join(missing)}
        )
    return found


@dataclass
class Row:
    number: int
    household_number: str = ""
    real_name: str = ""
    phone: str = ""
    representative: bool = False
    error: str = ""


def parse(text: str) -> list[Row]:
    try:
        lines = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        raise RollFileError(_("The file is not a valid CSV file: %(error)s") % {"error": exc}) from exc
    lines = [line for line in lines if any(cell.strip() for cell in line)]
    if not lines:
        raise RollFileError(_("The file is empty."))
    columns = _header_map(lines[0])
    rows = []
    seen: set[tuple[str, str]] = set()
    for number, cells in enumerate(lines[1:], start=2):

        def cell(field: str, cells=cells) -> str:
            index = columns.get(field)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        row = Row(number=number, household_number=cell("household_number"), real_name=cell("real_name"))
        phone = cell("phone")
        representative = cell("representative").lower()
        if len(cells) > len(lines[0]):
            row.error = _("This row has more cells than the header.")
        elif not row.household_number:
            row.error = _("No household number.")
        elif len(row.household_number) > 20:
            row.error = _("The household number is longer than 20 characters.")
        elif not row.real_name:
            row.error = _("No name.")
        elif len(row.real_name) > 40:
            row.error = _("The name is longer than 40 characters.")
        elif phone and not _PHONE.match(normalise_phone(phone)):
            row.error = _("“%(phone)s” is not an 11-digit mobile number.") % {"phone": phone}
        elif representative not in YES | NO:
            row.error = _("Representative must be 是 or 否.")
        elif (row.household_number, row.real_name) in seen:
            row.error = _("The same person appears earlier in the file.")
        else:
            row.phone = normalise_phone(phone) if phone else ""
            row.representative = representative in YES
            seen.add((row.household_number, row.real_name))
        rows.append(row)
    return rows


def _entry(row: Row, outcome: str, message: str) -> dict:
    return {
        "row": row.number,
        "outcome": outcome,
        "household": row.household_number,
        "name": mask_name(row.real_name),
        "message": message,
    }


def run_import(roll_import: RollImport) -> RollImport:
    """Import the file stored on roll_import; progress is saved as it goes, the report at the end."""
    roll_import.status = RollImport.Status.RUNNING
    roll_import.save(update_fields=["status"])
    try:
        rows = parse(roll_import.content)
    except RollFileError as exc:
        return _fail(roll_import, str(exc))
    roll_import.total_rows = len(rows)
    roll_import.save(update_fields=["total_rows"])
    try:
        report = _apply(roll_import, rows)
    except Exception as exc:
        _fail(roll_import, _("The import stopped and nothing was saved: %(error)s") % {"error": exc})
        raise
    roll_import.report = report
    roll_import.status = RollImport.Status.DONE
    roll_import.processed_rows = len(rows)
    roll_import.content = ""
    roll_import.save(update_fields=["report", "status", "processed_rows", "content"])
    # The rows went in partly through queryset.update(), which sends no signal the caches follow (docs/caching.md).
    clear_portal_caches()
    return roll_import


def _fail(roll_import: RollImport, message: str) -> RollImport:
    RollImport.objects.filter(pk=roll_import.pk).update(
        status=RollImport.Status.FAILED, error=message, content="", report=[], processed_rows=0
    )
    roll_import.refresh_from_db()
    return roll_import


@transaction.atomic
def _apply(roll_import: RollImport, rows: list[Row]) -> list[dict]:
    village, by, now = roll_import.village, roll_import.uploaded_by, timezone.now()
    phones_in_use = dict(Resident.objects.exclude(phone="").values_list("phone", "pk"))
    report = []
    for index, row in enumerate(rows, start=1):
        if row.error:
            report.append(_entry(row, "rejected", row.error))
        else:
            report.append(_apply_row(village, by, now, row, phones_in_use))
        if index % PROGRESS_EVERY == 0:
            RollImport.objects.filter(pk=roll_import.pk).update(processed_rows=index)
    return report


def _apply_row(village, by, now, row: Row, phones_in_use: dict) -> dict:
    matches = list(
        Resident.objects.filter(
            village=village,
            household_number=row.household_number,
            real_name=row.real_name,
            deleted_at__isnull=True,
        )
    )
    # A sign-up not yet verified is not matched: village, household and name are what neighbours know, so the roll
    # would verify whoever typed them first (issue 17). The roll gets its own record; the sign-up a claim on it.
    offline = [r for r in matches if r.user_id is None]
    verified_accounts = [r for r in matches if r.user_id is not None and r.is_verified]
    unverified_signups = [r for r in matches if r.user_id is not None and not r.is_verified]
    if len(offline) + len(verified_accounts) > 1:
        return _entry(row, "rejected", _("Several residents have this household number and name: verify by hand."))
    resident = (offline + verified_accounts)[0] if offline or verified_accounts else None
    if row.phone and phones_in_use.get(row.phone, resident.pk if resident else None) != (
        resident.pk if resident else None
    ):
        return _entry(row, "rejected", _("Another resident already uses this mobile number."))
    if resident is not None:
        was_verified = resident.is_verified
        resident.is_representative = row.representative
        if row.phone and not resident.phone:
            resident.phone = row.phone
        if not was_verified:
            resident.verification = Resident.Verification.VERIFIED
            resident.verified_by, resident.verified_at, resident.rejection_reason = by, now, ""
        resident.save()
        if not was_verified:
            VerificationEvent.objects.create(resident=resident, action=VerificationEvent.Action.IMPORTED, by=by)
        from .roles import sync_resident_groups

        sync_resident_groups(resident)
        message = _("Already verified; details updated.") if was_verified else _("Matched and verified.")
        return _entry(row, "matched", message)
    resident = Resident.objects.create(
        village=village,
        household_number=row.household_number,
        real_name=row.real_name,
        display_name=mask_name(row.real_name),
        phone=row.phone,
        is_representative=row.representative,
        source=Resident.Source.ROLL,
        registered_by=by,
        verification=Resident.Verification.VERIFIED,
        verified_by=by,
        verified_at=now,
    )
    if row.phone:
        phones_in_use[row.phone] = resident.pk
    VerificationEvent.objects.create(resident=resident, action=VerificationEvent.Action.IMPORTED, by=by)
    if unverified_signups:
        from .claims import open_claim

        for signup in unverified_signups:
            if not signup.claims_made.filter(status="pending").exists():
                open_claim(signup, resident)
        return _entry(
            row, "created", _("Added from the roll; a sign-up with the same details waits in the queue as a claim.")
        )
    return _entry(row, "created", _("Not registered yet: added without a login, for paper ballots and sign-up."))
