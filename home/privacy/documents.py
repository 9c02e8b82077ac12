"""Full personal numbers in documents (DOMAIN.md §5): the text of CSV, TXT, XLSX, DOCX, PDF, ODT/ODS files read
and checked cell by cell, row by row, page by page; and, for CSV and XLSX, a copy with every number masked.

Pure functions on bytes; the admin's document form (home/uploads.py) refuses what they find. The detector is
home.privacy.detect.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

from home.privacy.detect import find_personal_data, mask_all

MAX_CELLS = 500_000  # a village list has a few thousand; more is refused as too large to check
MASKABLE = {"csv", "xlsx"}


class Unreadable(Exception):
    """The file cannot be read far enough to be checked (locked PDF, broken archive, too many cells)."""


@dataclass
class Scan:
    """Where full numbers were found: places such as ("row", 3) or ("sheet row", "名单", 3), and one example."""

    places: list[tuple] = field(default_factory=list)
    example: str = ""  # the first number found, masked

    def add(self, place: tuple, text: str) -> bool:
        findings = find_personal_data(text)
        if findings:
            if not self.example:
                self.example = findings[0].masked
            if not self.places or self.places[-1] != place:
                self.places.append(place)
        return bool(findings)

    def __bool__(self) -> bool:
        return bool(self.places)


def cell_text(value) -> str:
    """A spreadsheet value as the reader sees it: 13812345678.0 is 13812345678."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def decode_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _scan_csv(data: bytes, scan: Scan) -> None:
    for number, row in enumerate(csv.reader(io.StringIO(decode_text(data))), start=1):
        for cell in row:
            scan.add(("row", number), cell)


def _scan_txt(data: bytes, scan: Scan) -> None:
    for number, line in enumerate(decode_text(data).splitlines(), start=1):
        scan.add(("line", number), line)


def _open_workbook(data: bytes, read_only: bool):
    import openpyxl

    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=read_only, data_only=not read_only)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise Unreadable from error


def _scan_xlsx(data: bytes, scan: Scan) -> None:
    book = _open_workbook(data, read_only=True)
    cells = 0
    try:
        for sheet in book.worksheets:
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                for value in row:
                    cells += 1
                    if cells > MAX_CELLS:
                        raise Unreadable
                    scan.add(("sheet row", sheet.title, number), cell_text(value))
    finally:
        book.close()


def _scan_docx(data: bytes, scan: Scan) -> None:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:
        raise Unreadable from error
    for number, paragraph in enumerate(document.paragraphs, start=1):
        scan.add(("paragraph", number), paragraph.text)
    for table_number, table in enumerate(document.tables, start=1):
        for row_number, row in enumerate(table.rows, start=1):
            for cell in row.cells:
                scan.add(("table row", table_number, row_number), cell.text)
    for section in document.sections:
        for part in (section.header, section.footer):
            for paragraph in part.paragraphs:
                scan.add(("header",), paragraph.text)


def _scan_pdf(data: bytes, scan: Scan) -> None:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise Unreadable
        for number, page in enumerate(reader.pages, start=1):
            scan.add(("page", number), page.extract_text() or "")
        metadata = reader.metadata or {}
        for value in metadata.values():
            scan.add(("properties",), str(value))
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        raise Unreadable from error


ODF_PARAGRAPH = re.compile(rb"<text:(?:p|h)\b[^>]*>(.*?)</text:(?:p|h)>", re.S)
ODF_ROW = re.compile(rb"<table:table-row\b.*?</table:table-row>", re.S)
TAG = re.compile(rb"<[^>]+>")


def _scan_odf(data: bytes, scan: Scan, extension: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            content = archive.read("content.xml")
    except (zipfile.BadZipFile, KeyError, OSError) as error:
        raise Unreadable from error
    if extension == "ods":
        for number, row in enumerate(ODF_ROW.findall(content), start=1):
            for paragraph in ODF_PARAGRAPH.findall(row):
                scan.add(("row", number), TAG.sub(b"", paragraph).decode("utf-8", "replace"))
    else:
        for number, paragraph in enumerate(ODF_PARAGRAPH.findall(content), start=1):
            scan.add(("paragraph", number), TAG.sub(b"", paragraph).decode("utf-8", "replace"))


def _scan_binary(data: bytes, scan: Scan) -> None:
    """Old .doc and .xls: no kept library reads them; their text runs (8-bit and UTF-16) are checked as a whole."""
    scan.add(("file",), data.decode("latin-1"))
    scan.add(("file",), data.decode("utf-16-le", "ignore"))


@dataclass
class _Text(Scan):
    """A scan that also keeps every piece of text it was shown (document_text)."""

    texts: list[str] = field(default_factory=list)

    def add(self, place: tuple, text: str) -> bool:
        self.texts.append(text)
        return super().add(place, text)


def scan_document(data: bytes, extension: str, scan: Scan | None = None) -> Scan:
    """Where the file's text shows full ID, mobile or bank-card numbers; Unreadable if it cannot be checked."""
    scan = Scan() if scan is None else scan
    extension = extension.lower()
    if extension == "csv":
        _scan_csv(data, scan)
    elif extension == "txt":
        _scan_txt(data, scan)
    elif extension == "xlsx":
        _scan_xlsx(data, scan)
    elif extension == "docx":
        _scan_docx(data, scan)
    elif extension == "pdf":
        _scan_pdf(data, scan)
    elif extension in ("odt", "ods"):
        _scan_odf(data, scan, extension)
    else:
        _scan_binary(data, scan)
    return scan


def document_text(data: bytes, extension: str) -> str:
    """The file's text as the checks read it (one piece a line): what a reader of the served file sees, for tests
    and audits that look for more than the detector's findings."""
    scan = scan_document(data, extension, _Text())
    return "\n".join(scan.texts)


def find_in_text(text: str) -> str:
    """The first full number in a title or file name, masked; "" if none."""
    findings = find_personal_data(text)
    return findings[0].masked if findings else ""


def masked_csv(data: bytes) -> bytes:
    """The CSV with every full number masked, cell by cell, written back as UTF-8 with a BOM (Excel opens it)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in csv.reader(io.StringIO(decode_text(data))):
        writer.writerow([mask_all(cell) for cell in row])
    return out.getvalue().encode("utf-8-sig")


def masked_xlsx(data: bytes) -> bytes:
    """The workbook with every full number in a cell masked (formatting kept; numbers stored as numbers become
    masked text)."""
    book = _open_workbook(data, read_only=False)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                text = cell_text(cell.value)
                if text and find_personal_data(text):
                    cell.value = mask_all(text)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def masked_copy(data: bytes, extension: str) -> bytes | None:
    """The masked copy of a CSV or XLSX file; None for formats that cannot be masked safely."""
    if extension == "csv":
        return masked_csv(data)
    if extension == "xlsx":
        return masked_xlsx(data)
    return None
