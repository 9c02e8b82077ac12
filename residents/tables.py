"""Spreadsheets as counties keep them: CSV (UTF-8, UTF-8 with a BOM, GBK) or XLSX, read into rows of cell text.

The village register and the county-wide household rolls both come from Excel or WPS. A county office saves
what it has; the portal reads either format and hands the importers plain strings, so their checks do not care
where a cell came from. XLSX numbers arrive as numbers (a 12-digit code as 411421101201.0): they are written
back as the digits the clerk typed.
"""

import csv
import datetime
import io
import unicodedata
import zipfile

from django.utils.translation import gettext as _

from .roll import RollFileError, decode

# A county has a few hundred villages and a village a few thousand people: far more rows is not a register.
MAX_ROWS = 20000
MAX_BYTES = 10 * 1024 * 1024
_XLSX_MAGIC = b"PK\x03\x04"
_XLS_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary Excel format, which openpyxl cannot read


class TableError(Exception):
    """The file as a whole cannot be read."""


def cell_text(value: object) -> str:
    """One cell as the text the clerk sees: integral floats without ".0", dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def normalise_header(title: str) -> str:
    """Full-width letters and brackets folded (NFKC), spaces dropped, lower case, a unit like （户） removed."""
    text = "".join(unicodedata.normalize("NFKC", title or "").split()).lower()
    for unit in ("(人)", "(户)", "(个)", "(名)", "(位)"):
        text = text.removesuffix(unit)
    return text


def read_table(raw: bytes) -> tuple[list[list[str]], str]:
    """Rows of cell text, blank rows dropped (header first), and the format: "xlsx", "utf-8" or "gbk"."""
    if not raw:
        raise TableError(_("The file is empty."))
    if len(raw) > MAX_BYTES:
        raise TableError(_("The file is larger than %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)})
    if raw.startswith(_XLS_MAGIC):
        raise TableError(_("This is an old Excel file (.xls). Save it as .xlsx or CSV and try again."))
    if raw.startswith(_XLSX_MAGIC):
        rows, kind = _read_xlsx(raw), "xlsx"
    else:
        try:
            text, kind = decode(raw)
        except RollFileError as exc:
            raise TableError(str(exc)) from exc
        try:
            rows = [[cell.strip() for cell in line] for line in csv.reader(io.StringIO(text))]
        except csv.Error as exc:
            raise TableError(_("The file is not a valid CSV file: %(error)s") % {"error": exc}) from exc
    rows = [row for row in rows if any(row)]
    if not rows:
        raise TableError(_("The file is empty."))
    if len(rows) > MAX_ROWS:
        raise TableError(_("The file has more than %(rows)d rows.") % {"rows": MAX_ROWS})
    return rows, kind


def _read_xlsx(raw: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        # data_only: a formula cell gives the value Excel last computed, as the clerk saw it.
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise TableError(_("The file is not a readable XLSX workbook.")) from exc
    try:
        sheet = book.worksheets[0]
        rows = []
        for values in sheet.iter_rows(values_only=True):
            rows.append([cell_text(value) for value in values])
            if len(rows) > MAX_ROWS + 1:
                break
        # Trailing empty cells (a column formatted further right) are not cells of the table.
        for row in rows:
            while row and row[-1] == "":
                row.pop()
        return rows
    finally:
        book.close()


def to_csv(rows: list[list[str]]) -> str:
    """Rows back to CSV text (the household-roll importer reads CSV)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()
