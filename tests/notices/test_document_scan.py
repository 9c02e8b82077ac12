"""Documents with full personal numbers: title, file name and the text of CSV, XLSX, DOCX and PDF files checked
(home.privacy.documents, home.document_checks); refused with the rows or pages named; CSV/XLSX masked on request."""

import io

import docx
import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.models import Collection, CollectionViewRestriction

from home.privacy import documents as document_scan

from .pdf_helpers import pdf_with_pages

ID, MOBILE, CARD = "11010519491231002X", "13812345678", "6222021234567890128"


def csv_bytes(rows) -> bytes:
    return "\n".join(",".join(row) for row in rows).encode("utf-8")


def xlsx_bytes(rows, title="低保名单") -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def docx_bytes(paragraphs, table=()) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


SUBSIDY = [
    ["姓名", "身份证号", "电话", "金额"],
    ["王建华", ID, "138****5678", "300"],
    ["李秀英", "4201**********1234", MOBILE, "300"],
]


@pytest.mark.parametrize(
    ("data", "extension", "places"),
    [
        (csv_bytes(SUBSIDY), "csv", [("row", 2), ("row", 3)]),
        (xlsx_bytes(SUBSIDY), "xlsx", [("sheet row", "低保名单", 2), ("sheet row", "低保名单", 3)]),
        (xlsx_bytes([["电话"], [int(MOBILE)]]), "xlsx", [("sheet row", "低保名单", 2)]),  # a number cell
        (docx_bytes(["通知", f"联系人电话 {MOBILE}"]), "docx", [("paragraph", 2)]),
        (docx_bytes(["名单"], table=[["姓名", "卡号"], ["王*华", CARD]]), "docx", [("table row", 1, 2)]),
        (pdf_with_pages("page one", f"ID {ID}"), "pdf", [("page", 2)]),
        (f"第一行\n电话{MOBILE}\n".encode("gb18030"), "txt", [("line", 2)]),
    ],
)
def test_full_numbers_are_found_where_they_are(data, extension, places):
    scan = document_scan.scan_document(data, extension)
    assert scan.places == places
    assert scan.example in ("1101**********002X", "138****5678", "***************0128")


@pytest.mark.parametrize(
    ("data", "extension"),
    [
        (csv_bytes([["姓名", "电话", "日期", "金额"], ["王*华", "138****5678", "20261202", "12348.00"]]), "csv"),
        (xlsx_bytes([["户号", "金额"], ["0376-7261 3018", 12348]]), "xlsx"),
        (docx_bytes(["2026年12月2日 村民代表会议", "凭证号 20261202001"]), "docx"),
        (pdf_with_pages("Amount 12348.00 on 2026-12-02"), "pdf"),
    ],
)
def test_masked_lists_dates_and_amounts_pass(data, extension):
    assert not document_scan.scan_document(data, extension)


def test_a_locked_or_broken_file_cannot_be_checked():
    with pytest.raises(document_scan.Unreadable):
        document_scan.scan_document(b"%PDF-1.4 broken", "pdf")
    with pytest.raises(document_scan.Unreadable):
        document_scan.scan_document(b"PK\x03\x04 broken", "xlsx")


def test_masked_copies_of_csv_and_xlsx_keep_everything_but_the_numbers():
    masked = document_scan.masked_copy(csv_bytes(SUBSIDY), "csv")
    assert not document_scan.scan_document(masked, "csv")
    text = masked.decode("utf-8-sig")
    assert "1101**********002X" in text and "138****5678" in text and "王建华" in text and "300" in text
    book = openpyxl.load_workbook(io.BytesIO(document_scan.masked_copy(xlsx_bytes(SUBSIDY), "xlsx")))
    rows = list(book["低保名单"].iter_rows(values_only=True))
    assert rows[1] == ("王建华", "1101**********002X", "138****5678", "300")
    assert rows[2][2] == "138****5678"
    assert document_scan.masked_copy(b"%PDF", "pdf") is None


def _form(upload, user, *, title="低保名单", collection=None, **data):
    form_class = get_document_form(get_document_model())
    collection = collection or Collection.get_first_root_node()
    return form_class(
        data={"title": title, "collection": collection.pk, **data}, files={"file": upload} if upload else {}, user=user
    )


@pytest.fixture
def editor(make_user):
    return make_user("admin", is_superuser=True)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.mark.django_db
def test_a_spreadsheet_with_full_numbers_is_refused_with_its_rows_named(editor):
    form = _form(SimpleUploadedFile("低保名单.xlsx", xlsx_bytes(SUBSIDY)), editor)
    assert not form.is_valid()
    message = form.errors["file"][0]
    assert "1101**********002X" in message and ID not in message
    assert "sheet “低保名单” row 2, sheet “低保名单” row 3" in message
    assert "Store a copy with the numbers masked" in message


@pytest.mark.django_db
def test_a_pdf_with_full_numbers_is_refused_with_its_pages_named_and_no_mask_offered(editor):
    form = _form(SimpleUploadedFile("名单.pdf", pdf_with_pages("ok", f"tel {MOBILE}", f"card {CARD}")), editor)
    assert not form.is_valid()
    message = form.errors["file"][0]
    assert "page 2, page 3" in message and "138****5678" in message and "Tick" not in message


@pytest.mark.django_db
def test_the_editor_stores_the_masked_copy(editor):
    form = _form(SimpleUploadedFile("低保名单.csv", csv_bytes(SUBSIDY)), editor, store_masked="on")
    assert form.is_valid(), form.errors
    document = form.save()
    with document.file.open("rb") as stored:
        data = stored.read()
    assert ID.encode() not in data and MOBILE.encode() not in data and b"1101**********002X" in data


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("title", "name", "field"),
    [
        (f"低保名单_王建华_{ID}", "名单.pdf", "title"),
        ("低保名单", f"低保名单_王建华_{ID}_{MOBILE}.pdf", "file"),
    ],
)
def test_numbers_in_the_title_or_file_name_are_refused(editor, title, name, field):
    form = _form(SimpleUploadedFile(name, pdf_with_pages("ok")), editor, title=title)
    assert not form.is_valid()
    assert "1101**********002X" in form.errors[field][0] and ID not in form.errors[field][0]


@pytest.mark.django_db
def test_a_clean_document_passes_and_a_private_collection_is_not_checked(editor):
    assert _form(SimpleUploadedFile("通知.pdf", pdf_with_pages("Meeting on 2026-12-02")), editor).is_valid()
    private = Collection.get_first_root_node().add_child(name="村委会内部")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    upload = SimpleUploadedFile("低保名单.csv", csv_bytes(SUBSIDY))
    assert _form(upload, editor, collection=private).is_valid()


@pytest.mark.django_db
def test_the_admin_upload_page_offers_the_masked_copy(client, editor):
    client.force_login(editor)
    root = Collection.get_first_root_node().pk
    data = {"title": "低保名单", "collection": root}
    refused = client.post("/admin/documents/add/", {**data, "file": SimpleUploadedFile("list.csv", csv_bytes(SUBSIDY))})
    assert refused.status_code == 200 and not get_document_model().objects.exists()
    page = refused.content.decode()
    assert "第 2 行, 第 3 行" in page and 'name="store_masked"' in page and MOBILE not in page
    stored = client.post(
        "/admin/documents/add/",
        {**data, "store_masked": "on", "file": SimpleUploadedFile("list.csv", csv_bytes(SUBSIDY))},
    )
    assert stored.status_code == 302
    document = get_document_model().objects.get()
    assert MOBILE not in document.file.read().decode("utf-8-sig")
    listing = client.get("/api/v2/documents/?fields=*", follow=True).content.decode()
    assert ID not in listing and MOBILE not in listing


@pytest.mark.django_db
def test_scan_documents_lists_what_was_stored_before_the_check(capsys):
    from django.core.files.base import ContentFile
    from django.core.management import CommandError, call_command

    document = get_document_model().objects.create(
        title="低保名单",
        file=ContentFile(csv_bytes(SUBSIDY), name="list.csv"),
        collection=Collection.get_first_root_node(),
    )
    with pytest.raises(CommandError):
        call_command("scan_documents")
    output = capsys.readouterr().out
    assert f"document {document.pk}:" in output and "row 2, row 3" in output and MOBILE not in output
    document.delete()
    call_command("scan_documents")
